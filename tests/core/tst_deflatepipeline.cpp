// The deflate pipeline's memory budget and its stop: with a budget so small
// that each entry waits for the ones before it, every entry still arrives in
// plan order, and a consumer that stops at the first file lets every worker
// leave (one waiting at the budget used to hang on the pool's lock).
#include "export/exportmask.h"
#include "export/exportplan.h"
#include "export/zip/deflatepipeline.h"
#include "scan/directoryscanner.h"

#include <QtTest>

#include <chrono>
#include <future>
#include <random>
#include <thread>

class TestDeflatePipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aTinyBudgetStillDeliversEveryEntryInOrder();
    void stoppingWhileWorkersWaitForTheBudgetLetsThemLeave();

private:
    // Runs the pipeline on its own thread; a run not back within a minute is
    // a hang, and the process stops there (its threads cannot be joined).
    bool runOrDie(DeflatePipeline &pipeline, const DeflatePipeline::Consumer &consume, QString *error);

    QTemporaryDir m_dir;
    std::unique_ptr<FileTree> m_tree;
    std::unique_ptr<ExportPlan> m_plan;
    std::vector<std::size_t> m_fileEntries; // plan indices of the files
};

void TestDeflatePipeline::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("python/pkg")));
    std::mt19937 random(7);
    for (int f = 0; f < 24; ++f) {
        QByteArray bytes(64 * 1024 + f, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(random() % 16); // compressible, not trivially so
        QFile file(m_dir.filePath(QStringLiteral("python/pkg/m%1.py").arg(f)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    QString error;
    m_tree = DirectoryScanner::scan(m_dir.path(), &error);
    QVERIFY2(m_tree, qPrintable(error));
    const Bitset exported = ExportMask(*m_tree).exported(Bitset(m_tree->count()));
    m_plan = std::make_unique<ExportPlan>(ExportPlan::build(*m_tree, exported, "python/"));
    for (std::size_t i = 0; i < m_plan->entries().size(); ++i)
        if (m_plan->entries()[i].kind == NodeKind::File)
            m_fileEntries.push_back(i);
    QCOMPARE(m_fileEntries.size(), std::size_t(24));
}

bool TestDeflatePipeline::runOrDie(DeflatePipeline &pipeline, const DeflatePipeline::Consumer &consume, QString *error)
{
    std::promise<bool> done;
    std::future<bool> result = done.get_future();
    std::thread runner([&] {
        bool cancelled = false;
        done.set_value(pipeline.run(consume, nullptr, error, &cancelled));
    });
    if (result.wait_for(std::chrono::minutes(1)) != std::future_status::ready)
        qFatal("DeflatePipeline::run() did not return within a minute: a worker never left");
    runner.join();
    return result.get();
}

void TestDeflatePipeline::aTinyBudgetStillDeliversEveryEntryInOrder()
{
    // One byte: no file fits beside another, so each waits for the pipeline to empty.
    DeflatePipeline pipeline(*m_tree, *m_plan, 6, 4, 1);
    std::vector<std::size_t> seen;
    std::uint64_t bytes = 0;
    QString error;
    const bool ok = runOrDie(
        pipeline,
        [&](std::size_t index, EncodedEntry &encoded, QString *) {
            seen.push_back(index);
            bytes += encoded.uncompressedSize;
            return true;
        },
        &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(seen.size(), m_plan->entries().size());
    for (std::size_t i = 0; i < seen.size(); ++i)
        QCOMPARE(seen[i], i);
    QCOMPARE(bytes, m_plan->fileBytes());
}

void TestDeflatePipeline::stoppingWhileWorkersWaitForTheBudgetLetsThemLeave()
{
    // The consumer stops at the first file while the other workers wait for
    // the budget: they are told to stop while they sleep on it. Many rounds,
    // since which worker waits where is up to the scheduler.
    for (int round = 0; round < 60; ++round) {
        DeflatePipeline pipeline(*m_tree, *m_plan, 6, 4, 1);
        QString error;
        std::size_t consumed = 0;
        const bool ok = runOrDie(
            pipeline,
            [&](std::size_t index, EncodedEntry &, QString *why) {
                ++consumed;
                if (index < m_fileEntries.front())
                    return true;
                std::this_thread::sleep_for(std::chrono::milliseconds(2)); // the others reach the budget's wait
                *why = QStringLiteral("stopped by the consumer");
                return false;
            },
            &error);
        QVERIFY(!ok);
        QCOMPARE(error, QStringLiteral("stopped by the consumer"));
        QCOMPARE(consumed, m_fileEntries.front() + 1);
    }
}

QTEST_GUILESS_MAIN(TestDeflatePipeline)
#include "tst_deflatepipeline.moc"
