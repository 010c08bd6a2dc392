// File ▸ Compare With on the demo layer, offscreen, as a user runs it from the
// window: against the demo folder itself with the seed rules ticked (what
// shrank is exactly what the rules prune, file for file as find lists them),
// against a zip exported under those rules with none ticked (what grew is that
// same set), a cancelled comparison and one with a missing path.
#include "base/units.h"
#include "gui/compare/comparedialog.h"
#include "gui/compare/comparelauncher.h"
#include "gui/compare/difftreemap.h"
#include "gui/shell/mainactions.h"
#include "guisupport.h"
#include "select/rules.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>

using testsupport::quoted;
using testsupport::sh;

namespace {

const QStringList kSeedRules{QStringLiteral("tests"), QStringLiteral("bytecode"), QStringLiteral("dist-info"),
                             QStringLiteral("pyproject"), QStringLiteral("datasets")};

// Sizes of the regular files the seed rules match in the demo layer, by path,
// as find lists them (tests/test folders, bytecode, metadata folders,
// pyproject.toml, .dat data sets), less what the dist-info rule spares.
QMap<QString, qint64> seedPrunedByFind(const QStringList &spared)
{
    const QByteArray out = sh(
        QStringLiteral("cd %1 && find . -type f \\( -path '*/tests/*' -o -path '*/test/*' -o -path '*/__pycache__/*' "
                       "-o -name '*.pyc' -o -name '*.pyo' -o -path '*.dist-info/*' -o -path '*.egg-info/*' -o -name "
                       "pyproject.toml -o -name '*.dat' \\) -printf '%s %P\\n'")
            .arg(quoted(testsupport::demoLayer())));
    QMap<QString, qint64> files;
    for (const QByteArray &line : out.split('\n')) {
        const qsizetype space = line.indexOf(' ');
        if (space > 0 && !spared.contains(QString::fromUtf8(line.mid(space + 1))))
            files.insert(QString::fromUtf8(line.mid(space + 1)), line.left(space).toLongLong());
    }
    return files;
}

qint64 sortKey(const QTableWidget *table, int row, int column)
{
    return table->item(row, column)->data(CompareDialog::kSortRole).toLongLong();
}

} // namespace

class TestCompareDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void actionNeedsALayer();
    void shrankIsWhatTheRulesPrune();
    void grewAgainstTheExport();
    void cancelAndMissingPath();

private:
    // Runs File ▸ Compare With on `path` and returns its window (null when none opened).
    CompareDialog *compare(const QString &path);
    void setSeedRules(bool on);

    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void TestCompareDialog::initTestCase()
{
    Q_INIT_RESOURCE(layerslim);
    QVERIFY(m_dir.isValid());
    guisupport::openDemoWindow(m_window);
}

CompareDialog *TestCompareDialog::compare(const QString &path)
{
    QSignalSpy shown(m_window->compareLauncher(), &CompareLauncher::shown);
    m_window->compareWith(path);
    if (!shown.wait(180000))
        return nullptr;
    return shown.first().first().value<CompareDialog *>();
}

void TestCompareDialog::setSeedRules(bool on)
{
    for (const QString &id : kSeedRules)
        m_window->document()->setRuleEnabled(RuleCatalog::indexOf(id), on);
}

void TestCompareDialog::actionNeedsALayer()
{
    QAction *zip = m_window->actions()->compareZip;
    QCOMPARE(zip->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+D")));
    QVERIFY(zip->isEnabled());
    QVERIFY(m_window->actions()->compareFolder->isEnabled());
    MainWindow empty;
    QVERIFY(!empty.actions()->compareZip->isEnabled());
    QVERIFY(!empty.actions()->compareFolder->isEnabled());
}

// A: the demo folder, every file; B: the demo as the seed rules keep it.
void TestCompareDialog::shrankIsWhatTheRulesPrune()
{
    setSeedRules(true);
    const SizeLedger &ledger = m_window->document()->ledger();
    QStringList spared; // what the dist-info rule keeps for code that reads metadata
    for (const RuleSpare &s : ledger.ruleSpares(RuleCatalog::indexOf(QStringLiteral("dist-info"))))
        spared << s.glob;
    const QMap<QString, qint64> pruned = seedPrunedByFind(spared);
    qint64 prunedBytes = 0;
    for (const qint64 size : pruned)
        prunedBytes += size;
    QCOMPARE(quint64(prunedBytes), ledger.totals().prunedBytes); // find and the ledger agree first

    CompareDialog *dialog = compare(testsupport::demoLayer());
    QVERIFY(dialog);
    const LayerDiff &d = dialog->diff();
    const qint64 all = sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s+=$1} END {printf \"%d\", s}'")
                              .arg(quoted(testsupport::demoLayer())))
                           .toLongLong();
    QCOMPARE(qint64(d.bytesA), all);
    QCOMPARE(d.bytesB, ledger.totals().keptBytes);
    QVERIFY(d.added.empty());
    QVERIFY(d.changed.empty());
    QCOMPARE(qsizetype(d.removed.size()), pruned.size());
    for (const DiffFile &f : d.removed)
        QCOMPARE(qint64(f.bytesA), pruned.value(FileTree::displayName(f.path), -1));

    // The header: both totals and the change, in the user's units.
    const QString header = dialog->header()->text();
    QVERIFY2(header.contains(units::localBytes(std::uint64_t(all))), qPrintable(header));
    QVERIFY(header.contains(units::localChange(-prunedBytes)));
    QVERIFY(header.contains(DiffTreemap::shrankColor().darker(130).name()));
    // The treemap: every tile shrank, and the tiles stand for every pruned byte.
    DiffTreemap *map = dialog->treemap();
    QCOMPARE(qint64(map->changeTree().tree.totalBytes(0)), prunedBytes);
    QTRY_VERIFY(!map->layout().isEmpty());
    std::uint64_t leafBytes = 0;
    for (std::size_t i = 0; i < map->layout().tiles().size(); ++i)
        if (map->layout().tiles()[i].isLeaf()) {
            QVERIFY(!map->tileGrew(int(i)));
            leafBytes += map->layout().tiles()[i].weight;
        }
    QCOMPARE(qint64(leafBytes), prunedBytes);
    // The files table: one row a pruned file, largest first; the path column sorts by name.
    QTableWidget *files = dialog->filesTable();
    QCOMPARE(files->rowCount(), int(pruned.size()));
    QCOMPARE(sortKey(files, 0, CompareDialog::FileChange), qint64(d.removed.front().bytesA));
    QCOMPARE(files->item(0, CompareDialog::FileChange)->text(), units::localChange(-qint64(d.removed.front().bytesA)));
    QCOMPARE(files->item(0, CompareDialog::FileChangeKind)->text(), QStringLiteral("removed"));
    QCOMPARE(files->item(0, CompareDialog::FilePath)->text(), FileTree::displayName(d.removed.front().path));
    files->horizontalHeader()->setSortIndicator(CompareDialog::FilePath, Qt::AscendingOrder);
    QCOMPARE(files->item(0, CompareDialog::FilePath)->text(), pruned.firstKey()); // QMap is sorted
    // The distributions table: numpy's bytes in A are its folder and egg-info, as find counts them.
    QTableWidget *dists = dialog->distributionsTable();
    const qint64 numpy =
        sh(QStringLiteral("cd %1 && find numpy numpy-*.egg-info -type f -printf '%s\\n' | awk '{s+=$1} END {printf "
                          "\"%d\", s}'")
               .arg(quoted(testsupport::demoLayer())))
            .toLongLong();
    bool found = false;
    for (int row = 0; row < dists->rowCount(); ++row) {
        if (dists->item(row, CompareDialog::DistName)->text() != u"numpy")
            continue;
        found = true;
        QCOMPARE(sortKey(dists, row, CompareDialog::DistBytesA), numpy);
        QCOMPARE(dists->item(row, CompareDialog::DistVersionA)->text(), QStringLiteral("1.24.2"));
        qint64 numpyPruned = 0;
        for (auto it = pruned.begin(); it != pruned.end(); ++it)
            if (it.key().startsWith(u"numpy/") || it.key().startsWith(u"numpy-"))
                numpyPruned += it.value();
        QCOMPARE(sortKey(dists, row, CompareDialog::DistChange), numpyPruned);
        QCOMPARE(dists->item(row, CompareDialog::DistChange)->text(), units::localChange(-numpyPruned));
    }
    QVERIFY(found);
    dialog->close();
    setSeedRules(false);
}

// A: a zip exported under the seed rules; B: the demo with no rule ticked.
void TestCompareDialog::grewAgainstTheExport()
{
    const QString zip = m_dir.filePath(QStringLiteral("seed.zip"));
    const auto run =
        testsupport::cli({QStringLiteral("export"), testsupport::demoLayer(), QStringLiteral("-o"), zip,
                          QStringLiteral("--rules"), kSeedRules.join(u','), QStringLiteral("--no-report")});
    QVERIFY2(run.exitCode == 0 || run.exitCode == 2, run.err.constData());
    setSeedRules(true);
    const std::uint64_t seedPruned = m_window->document()->ledger().totals().prunedBytes;
    setSeedRules(false);
    QCOMPARE(m_window->document()->ledger().totals().prunedBytes, 0U);

    CompareDialog *dialog = compare(zip);
    QVERIFY(dialog);
    const LayerDiff &d = dialog->diff();
    QVERIFY(d.removed.empty());
    QVERIFY(d.changed.empty()); // every kept file has the same bytes in the zip
    std::uint64_t added = 0;
    for (const DiffFile &f : d.added)
        added += f.bytesB;
    QCOMPARE(added, seedPruned);
    QCOMPARE(d.bytesB - d.bytesA, seedPruned);
    const qint64 zipBytes = sh(QStringLiteral("python3 -c \"import sys, zipfile; print(sum(i.file_size for i in "
                                              "zipfile.ZipFile(sys.argv[1]).infolist()))\" %1")
                                   .arg(quoted(zip)))
                                .trimmed()
                                .toLongLong();
    QCOMPARE(qint64(d.bytesA), zipBytes);
    DiffTreemap *map = dialog->treemap();
    QTRY_VERIFY(!map->layout().isEmpty());
    for (std::size_t i = 0; i < map->layout().tiles().size(); ++i)
        if (map->layout().tiles()[i].isLeaf())
            QVERIFY(map->tileGrew(int(i)));
    QVERIFY(dialog->header()->text().contains(units::localChange(qint64(seedPruned))));
    QCOMPARE(dialog->tabs()->count(), 3);
    dialog->close();
}

void TestCompareDialog::cancelAndMissingPath()
{
    CompareLauncher *launcher = m_window->compareLauncher();
    QSignalSpy failed(launcher, &CompareLauncher::failed);
    QSignalSpy shown(launcher, &CompareLauncher::shown);
    m_window->compareWith(testsupport::demoLayer());
    QVERIFY(launcher->isRunning());
    QProgressDialog *progress = m_window->findChild<QProgressDialog *>();
    QVERIFY(progress);
    QPushButton *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
    cancel->click();
    QVERIFY(failed.wait(60000));
    QCOMPARE(failed.first().at(1).toBool(), true);
    QVERIFY(shown.isEmpty());
    QVERIFY(!launcher->isRunning());

    failed.clear();
    const QString missing = m_dir.filePath(QStringLiteral("no-such-layer.zip"));
    m_window->compareWith(missing);
    QVERIFY(failed.wait(60000));
    QCOMPARE(failed.first().at(1).toBool(), false);
    const QString error = failed.first().at(0).toString();
    QVERIFY2(error.contains(missing) && error.contains(QStringLiteral("no such file")), qPrintable(error));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>()) != nullptr);
    QVERIFY(box->text().contains(missing));
    box->close();
    QVERIFY(shown.isEmpty());
}

QTEST_MAIN(TestCompareDialog)
#include "tst_comparedialog.moc"
