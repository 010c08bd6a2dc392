// The Requirements dock on a layer pip installs from wheels the suite writes
// (alpha-pkg and lone asked for; beta, gamma and epsilon pulled in as their
// requirements): its rows against what pip was asked and what
// importlib.metadata lists, a drop against the bytes it showed and its
// replay by layerslim-cli, the "why" chain, and duplicates against stat.
#include "gui/budget/breakdownchart.h"
#include "gui/requirements/requirementspanel.h"
#include "gui/shell/layerdocument.h"
#include "scan/layer.h"
#include "select/distributions.h"
#include "testsupport.h"
#include "wheelsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPieSeries>
#include <QPieSlice>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <functional>
#include <map>

using testsupport::quoted;
using testsupport::sh;

namespace {

// Bytes of every file importlib.metadata lists for each named distribution in `site`, summed.
std::uint64_t importlibBytes(const QString &site, const QStringList &names)
{
    return sh(QStringLiteral("python3 - %1 %2 <<'EOF'\n"
                             "import importlib.metadata as md, os, sys\n"
                             "site, names = sys.argv[1], sys.argv[2:]\n"
                             "total = 0\n"
                             "for n in names:\n"
                             "    d = next(iter(md.distributions(name=n, path=[site])))\n"
                             "    for f in d.files:\n"
                             "        p = os.path.normpath(os.path.join(site, str(f)))\n"
                             "        if not os.path.isfile(p) and str(f).startswith('../../'):\n"
                             "            p = os.path.normpath(os.path.join(site, str(f)[6:]))\n"
                             "        if os.path.isfile(p):\n"
                             "            total += os.path.getsize(p)\n"
                             "print(total)\n"
                             "EOF\n")
                  .arg(quoted(site), names.join(QLatin1Char(' '))))
        .trimmed()
        .toULongLong();
}

} // namespace

class TestRequirementsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void topLevelRowsAreTheRequirementsAsked();
    void dropFreesWhatItShowedAndUndoes();
    void aSelectionChangeReachesTheViewOnce();
    void aSortByKeptBytesFollowsTheSelection();
    void savedDropReplaysInTheCli();
    void whyChainNamesTheRequirer();
    void duplicatesAreTheBundledCopies();
    void breakdownByDistribution();
    void topLevelFromRequirementsFile();

private:
    [[nodiscard]] QStandardItem *row(const QString &name, int column) const;

    QTemporaryDir m_dir;
    QString m_site;
    std::unique_ptr<LayerDocument> m_document;
    std::unique_ptr<RequirementsPanel> m_panel;
};

void TestRequirementsPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    wheelsupport::writeDependencyWheels(m_dir.filePath(QStringLiteral("wh")));
    m_site = m_dir.filePath(QStringLiteral("site"));
    wheelsupport::pipInstallTarget(m_dir.filePath(QStringLiteral("wh")), m_site,
                                   {QStringLiteral("alpha-pkg"), QStringLiteral("lone")});
}

void TestRequirementsPanel::init()
{
    QString error;
    auto layer = std::make_shared<Layer>(Layer::open(m_site, &error));
    QVERIFY2(layer->tree, qPrintable(error));
    m_document = std::make_unique<LayerDocument>(layer, m_site);
    m_panel = std::make_unique<RequirementsPanel>();
    m_panel->resize(900, 400);
    m_panel->setDocument(m_document.get());
    m_panel->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_document->distributions() != nullptr, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(m_document->metadataSparesKnown(), 60000);
}

void TestRequirementsPanel::cleanup()
{
    m_panel.reset();
    m_document.reset();
}

QStandardItem *TestRequirementsPanel::row(const QString &name, int column) const
{
    const int r = m_panel->topLevelRow(name);
    return r < 0 ? nullptr : m_panel->model()->item(r, column);
}

// pip was asked for alpha-pkg and lone: those are the top-level rows, and
// the rest opens below them; each row's bytes are importlib's files.
void TestRequirementsPanel::topLevelRowsAreTheRequirementsAsked()
{
    QStandardItemModel *model = m_panel->model();
    QStringList names;
    for (int r = 0; r < model->rowCount(); ++r)
        names << model->item(r, RequirementsPanel::NameColumn)->text();
    names.sort();
    QCOMPARE(names, QStringList({QStringLiteral("Alpha_Pkg 1.0"), QStringLiteral("lone 3.0")}));
    QStandardItem *alpha = row(QStringLiteral("alpha-pkg"), RequirementsPanel::NameColumn);
    QVERIFY(alpha);
    QStringList needs;
    for (int r = 0; r < alpha->rowCount(); ++r)
        needs << alpha->child(r)->text();
    needs.sort();
    QCOMPARE(needs, QStringList({QStringLiteral("beta 2.0"), QStringLiteral("gamma 0.5")}));
    QCOMPARE(row(QStringLiteral("alpha-pkg"), RequirementsPanel::BytesColumn)->data(Qt::UserRole + 3).toULongLong(),
             importlibBytes(m_site, {QStringLiteral("Alpha_Pkg")}));
    QCOMPARE(row(QStringLiteral("lone"), RequirementsPanel::BytesColumn)->data(Qt::UserRole + 3).toULongLong(),
             importlibBytes(m_site, {QStringLiteral("lone")}));
}

// Dropping alpha-pkg frees it, beta, gamma and epsilon (needed through
// gamma[fast]; lone needs it only on aarch64): the figure the row showed,
// which is what importlib lists for the four. Undo brings every byte back.
void TestRequirementsPanel::dropFreesWhatItShowedAndUndoes()
{
    const std::uint64_t shown =
        row(QStringLiteral("alpha-pkg"), RequirementsPanel::ExclusiveColumn)->data(Qt::UserRole + 3).toULongLong();
    QCOMPARE(shown, importlibBytes(m_site, {QStringLiteral("Alpha_Pkg"), QStringLiteral("beta"),
                                            QStringLiteral("gamma"), QStringLiteral("epsilon")}));
    const std::uint64_t before = m_document->ledger().totals().keptBytes;
    QTreeView *view = m_panel->view();
    view->setCurrentIndex(row(QStringLiteral("alpha-pkg"), RequirementsPanel::NameColumn)->index());
    m_panel->dropSelected();
    QCOMPARE(before - m_document->ledger().totals().keptBytes, shown);
    QCOMPARE(m_document->droppedDistributions(), QStringList{QStringLiteral("Alpha_Pkg")});
    QCOMPARE(row(QStringLiteral("alpha-pkg"), RequirementsPanel::KeptColumn)->data(Qt::UserRole + 3).toULongLong(),
             0ULL);
    QCOMPARE(m_document->undoStack()->count(), 1);
    m_document->undoStack()->undo();
    QCOMPARE(m_document->ledger().totals().keptBytes, before);
    QVERIFY(m_document->droppedDistributions().isEmpty());
    m_document->undoStack()->redo();
    QCOMPARE(before - m_document->ledger().totals().keptBytes, shown);
}

// After a selection change the view hears of the new bytes once, for the
// whole table: each change it hears of has it measure every row again for the
// columns sized to their contents, which made a rule toggle on a layer of a
// few hundred distributions take tens of milliseconds.
void TestRequirementsPanel::aSelectionChangeReachesTheViewOnce()
{
    QStandardItemModel *model = m_panel->model();
    QStandardItem *alpha = row(QStringLiteral("alpha-pkg"), RequirementsPanel::NameColumn);
    QVERIFY(alpha && alpha->rowCount() > 0);
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    m_panel->view()->setCurrentIndex(alpha->index());
    m_panel->dropSelected();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.front().at(0).toModelIndex(), model->index(0, 0));
    QCOMPARE(changed.front().at(1).toModelIndex(),
             model->index(model->rowCount() - 1, RequirementsPanel::ColumnCount - 1));
    // Every row, the ones below alpha-pkg too, shows the ledger's kept bytes.
    const std::vector<std::uint64_t> kept = m_document->distributions()->keptBytes(&m_document->ledger());
    const std::function<void(QStandardItem *)> check = [&](QStandardItem *name) {
        const QModelIndex index = name->index();
        QStandardItem *parent = name->parent() ? name->parent() : model->invisibleRootItem();
        const int d = name->data(Qt::UserRole + 1).toInt();
        QCOMPARE(parent->child(index.row(), RequirementsPanel::KeptColumn)->data(Qt::UserRole + 3).toULongLong(),
                 kept[std::size_t(d)]);
        for (int r = 0; r < name->rowCount(); ++r)
            check(name->child(r, RequirementsPanel::NameColumn));
    };
    for (int r = 0; r < model->rowCount(); ++r)
        check(model->item(r, RequirementsPanel::NameColumn));
    QCOMPARE(kept[std::size_t(alpha->child(0)->data(Qt::UserRole + 1).toInt())], 0ULL);
}

// Sorted by what the selection keeps, the rows move when it changes: the
// row dropped goes below the one still kept, and stays selected.
void TestRequirementsPanel::aSortByKeptBytesFollowsTheSelection()
{
    QStandardItemModel *model = m_panel->model();
    QTreeView *view = m_panel->view();
    QCOMPARE(model->rowCount(), 2);
    view->sortByColumn(RequirementsPanel::KeptColumn, Qt::DescendingOrder);
    auto keptAt = [&](int r) {
        return model->item(r, RequirementsPanel::KeptColumn)->data(Qt::UserRole + 3).toULongLong();
    };
    QVERIFY(keptAt(0) > keptAt(1));
    // A change that moves no row leaves the layout alone.
    QSignalSpy layouts(model, &QAbstractItemModel::layoutChanged);
    const std::uint64_t keptBefore = m_document->ledger().totals().keptBytes;
    m_document->setRuleEnabled(RuleCatalog::indexOf(RuleId::StaticLibs), true);
    QCOMPARE(m_document->ledger().totals().keptBytes, keptBefore); // no static library in these wheels
    QCOMPARE(layouts.count(), 0);
    const QString first = model->item(0, RequirementsPanel::NameColumn)->text();
    const QString second = model->item(1, RequirementsPanel::NameColumn)->text();
    view->setCurrentIndex(model->index(0, RequirementsPanel::NameColumn));
    m_panel->dropSelected();
    QCOMPARE(model->item(0, RequirementsPanel::NameColumn)->text(), second);
    QCOMPARE(model->item(1, RequirementsPanel::NameColumn)->text(), first);
    QCOMPARE(keptAt(1), 0ULL);
    QVERIFY(keptAt(0) > 0);
    QCOMPARE(view->currentIndex().data().toString(), first);
    QCOMPARE(layouts.count(), 1);
    m_document->undoStack()->undo();
    QCOMPARE(model->item(0, RequirementsPanel::NameColumn)->text(), first);
}

// A saved profile names the drop, not its files, and layerslim-cli keeps
// exactly what the window keeps.
void TestRequirementsPanel::savedDropReplaysInTheCli()
{
    QString error;
    QVERIFY2(m_document->dropDistributions({QStringLiteral("alpha-pkg")}, &error), qPrintable(error));
    const Profile profile = m_document->profile(Profile{});
    QCOMPARE(profile.dropDistributions, QStringList{QStringLiteral("alpha-pkg")});
    QVERIFY(profile.prune.isEmpty());
    const QString file = m_dir.filePath(QStringLiteral("drop.json"));
    QVERIFY2(profile.save(file, &error), qPrintable(error));
    const testsupport::CliRun run =
        testsupport::cli({QStringLiteral("scan"), m_site, QStringLiteral("--profile"), file, QStringLiteral("--json")});
    QVERIFY2(run.out.size() > 0, run.err.constData());
    const QJsonObject out = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(out.value(QStringLiteral("kept_bytes")).toInteger(), qint64(m_document->ledger().totals().layerBytes));
    QCOMPARE(out.value(QStringLiteral("kept_files")).toInteger(), qint64(m_document->ledger().totals().keptFiles));

    // Taking part of a drop back: the profile then says it with marks, and still replays exactly.
    m_document->mark(m_document->tree().find("beta.libs"), SizeLedger::Mark::Keep);
    const Profile marks = m_document->profile(Profile{});
    QVERIFY(marks.dropDistributions.isEmpty());
    QVERIFY(!marks.prune.isEmpty());
    QVERIFY2(marks.save(file, &error), qPrintable(error));
    const testsupport::CliRun again =
        testsupport::cli({QStringLiteral("scan"), m_site, QStringLiteral("--profile"), file, QStringLiteral("--json")});
    QVERIFY2(again.out.size() > 0, again.err.constData());
    QCOMPARE(QJsonDocument::fromJson(again.out).object().value(QStringLiteral("kept_bytes")).toInteger(),
             qint64(m_document->ledger().totals().layerBytes));
}

// gamma.py is there because Alpha_Pkg asks for Gamma[fast]; bin/alpha-tool is Alpha_Pkg's own.
void TestRequirementsPanel::whyChainNamesTheRequirer()
{
    const FileTree &tree = m_document->tree();
    m_panel->showWhy(tree.find("gamma.py"));
    QString why = m_panel->whyLabel()->text();
    QVERIFY2(why.contains(QStringLiteral("gamma.py")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("Installed by <b>gamma 0.5</b>, required by <b>Alpha_Pkg 1.0</b>")),
             qPrintable(why));
    m_panel->showWhy(tree.find("bin/alpha-tool"));
    why = m_panel->whyLabel()->text();
    QVERIFY2(why.contains(QStringLiteral("Installed by <b>Alpha_Pkg 1.0</b>, a top-level requirement")),
             qPrintable(why));
}

// Both wheels bundle the same 300,000-byte libblas: one group, its second copy wasted.
void TestRequirementsPanel::duplicatesAreTheBundledCopies()
{
    m_panel->findDuplicates();
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->duplicatesSearching(), 60000);
    QTRY_VERIFY(m_panel->duplicatesView()->model()->rowCount() > 0);
    auto *model = static_cast<QStandardItemModel *>(m_panel->duplicatesView()->model());
    const std::uint64_t blas =
        sh(QStringLiteral("stat -c %s %1").arg(quoted(m_site + QStringLiteral("/beta.libs/libblas-c3d4.so"))))
            .trimmed()
            .toULongLong();
    QCOMPARE(model->item(0, 3)->data(Qt::UserRole + 3).toULongLong(), blas);
    QCOMPARE(model->item(0, 2)->text(), QStringLiteral("2"));
    QStringList copies;
    for (int r = 0; r < model->item(0)->rowCount(); ++r)
        copies << model->item(0)->child(r)->text();
    copies.sort();
    QCOMPARE(copies, QStringList({QStringLiteral("alpha_pkg.libs/libblas-a1b2.so"),
                                  QStringLiteral("beta.libs/libblas-c3d4.so")}));
    // Pruning one copy leaves nothing duplicated in that group.
    m_document->mark(m_document->tree().find("beta.libs"), SizeLedger::Mark::Prune);
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(!model->item(r)->text().startsWith(QStringLiteral("libblas")));
}

// The donut by distribution: one slice a distribution with importlib's bytes
// for it, the slices together the kept total; a drop takes its slices away.
void TestRequirementsPanel::breakdownByDistribution()
{
    BreakdownChart chart;
    chart.setDocument(m_document.get());
    chart.setMode(BreakdownChart::Mode::ByDistribution);
    const auto slices = [&chart] {
        std::map<QString, std::uint64_t> out;
        for (QPieSlice *s : chart.series()->slices())
            out[s->label().section(QStringLiteral("  "), 0, 0)] = std::uint64_t(s->value());
        return out;
    };
    auto shown = slices();
    QCOMPARE(shown.size(), std::size_t(5));
    std::uint64_t sum = 0;
    for (const auto &[name, bytes] : shown) {
        QCOMPARE(bytes, importlibBytes(m_site, {name}));
        sum += bytes;
    }
    QCOMPARE(sum, m_document->ledger().totals().keptBytes);
    // With room, the legend is as wide as its rows' text (icon and margins in its size hint): no name is cut.
    chart.resize(700, 260);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QTreeWidget *legend = chart.legend();
    QCOMPARE(legend->topLevelItemCount(), 5);
    for (int i = 0; i < legend->topLevelItemCount(); ++i)
        QCOMPARE(shown.count(legend->topLevelItem(i)->text(0)), std::size_t(1));
    QVERIFY(legend->sizeHint().width() > legend->fontMetrics().horizontalAdvance(QStringLiteral("alpha-pkg")));
    QVERIFY2(legend->width() >= legend->sizeHint().width(),
             qPrintable(QStringLiteral("%1 px of %2").arg(legend->width()).arg(legend->sizeHint().width())));
    // Narrow, the legend gives way (names elide) and the donut keeps 40% of the width.
    chart.resize(200, 260);
    QTRY_VERIFY2(legend->width() < legend->sizeHint().width() && legend->width() <= chart.width() * 3 / 5,
                 qPrintable(QStringLiteral("legend %1 px (wants %2) in %3 px")
                                .arg(legend->width())
                                .arg(legend->sizeHint().width())
                                .arg(chart.width())));
    QString error;
    QVERIFY2(m_document->dropDistributions({QStringLiteral("alpha-pkg")}, &error), qPrintable(error));
    shown = slices();
    QCOMPARE(shown.size(), std::size_t(1));
    QCOMPARE(shown.begin()->first, QStringLiteral("lone"));
}

// A requirements file names the top level: comments, options, -r includes,
// a byte-order mark, markers and #egg= URLs are read as pip reads them; a name the layer lacks is reported. The CLI's
// --requirements says the same in scan --json.
void TestRequirementsPanel::topLevelFromRequirementsFile()
{
    const QString file = m_dir.filePath(QStringLiteral("requirements.txt"));
    const auto write = [](const QString &path, const QByteArray &bytes) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    // A byte-order mark and an inline comment in the included file.
    write(m_dir.filePath(QStringLiteral("base.txt")), "\xEF\xBB\xBF"
                                                      "Beta>=1.0  # pinned below\n");
    write(file, "# the function needs\n--index-url https://example.invalid/simple\n-r base.txt\n"
                "gamma[fast] ; python_version >= \"3.8\"\nnot-installed==1\n"
                "git+https://example.invalid/x.git#egg=also-missing\n");
    QStringList missing;
    QString error;
    QVERIFY2(m_document->setRequirementsFile(file, &missing, &error), qPrintable(error));
    QCOMPARE(missing, QStringList({QStringLiteral("not-installed"), QStringLiteral("also-missing")}));
    QStringList names;
    for (int r = 0; r < m_panel->model()->rowCount(); ++r)
        names << m_panel->model()->item(r, RequirementsPanel::NameColumn)->text();
    names.sort();
    QCOMPARE(names, QStringList({QStringLiteral("beta 2.0"), QStringLiteral("gamma 0.5")}));

    const auto run = testsupport::cli(
        {QStringLiteral("scan"), m_site, QStringLiteral("--requirements"), file, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.contains("not-installed"), run.err.constData());
    QStringList topLevel;
    for (const QJsonValue &v :
         QJsonDocument::fromJson(run.out).object().value(QStringLiteral("distributions")).toArray())
        if (v.toObject().value(QStringLiteral("top_level")).toBool())
            topLevel << v.toObject().value(QStringLiteral("name")).toString();
    topLevel.sort();
    QCOMPARE(topLevel, QStringList({QStringLiteral("beta"), QStringLiteral("gamma")}));
}

QTEST_MAIN(TestRequirementsPanel)
#include "tst_requirementspanel.moc"
