#include "windowtiming.h"

#include "gui/budget/zipestimator.h"
#include "gui/checks/checkspanel.h"
#include "gui/explorer/explorerview.h"
#include "gui/explorer/treemapwidget.h"
#include "gui/shell/layerdocument.h"
#include "gui/shell/mainwindow.h"
#include "gui/shell/startpage.h"
#include "select/rules.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

// Watches the treemap's paints: the first one that draws a finished image
// newer than `after` (a render generation) is painted through and timed.
class PaintWatch : public QObject
{
public:
    PaintWatch(TreemapWidget *map, quint64 after, const QElapsedTimer &clock)
        : m_map(map)
        , m_after(after)
        , m_clock(clock)
    {
        map->installEventFilter(this);
    }
    ~PaintWatch() override { m_map->removeEventFilter(this); }

    [[nodiscard]] double seconds() const { return m_seconds; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_map || event->type() != QEvent::Paint || m_seconds >= 0)
            return false;
        // Judged after the paint: a layout that finished meanwhile is shown by it.
        static_cast<QObject *>(m_map)->event(event); // the paint itself counts
        if (!m_map->image().isNull() && !m_map->isLayoutPending() && m_map->renderGeneration() > m_after)
            m_seconds = double(m_clock.nsecsElapsed()) / 1e9;
        return true;
    }

private:
    TreemapWidget *m_map;
    quint64 m_after;
    const QElapsedTimer &m_clock;
    double m_seconds = -1;
};

// Runs the event loop until `done` or `limitMs` pass; false on the limit.
bool spinUntil(const std::function<bool()> &done, int limitMs)
{
    QElapsedTimer waited;
    waited.start();
    QTimer wake; // wakes the blocking wait even when no event comes
    wake.start(20);
    while (!done()) {
        if (waited.elapsed() > limitMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? -1 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

} // namespace

WindowTiming timeWindow(const QString &root, int runs)
{
    constexpr int kLimitMs = 600000;
    constexpr int kSettleMs = 2000;
    WindowTiming result;
    std::vector<double> opens;
    for (int run = 0; run <= runs; ++run) {
        // Each window starts on a quiet machine: the last one's background
        // passes (cancelled with it) have wound down.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QThreadPool::globalInstance()->waitForDone();
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        // The start page is on screen and done looking for interpreters before
        // the click, as when a user opens a layer from it (interpreters behind
        // shell shims, as pyenv's, can take longer than the settling time).
        QElapsedTimer settle;
        settle.start();
        constexpr int kProbeLimitMs = 30000; // an interpreter that never answers does not stall the table
        if (!spinUntil([&] { return settle.elapsed() > kSettleMs && !window.startPage()->isProbing(); }, kProbeLimitMs))
            std::fprintf(stderr, "windowtiming: the start page still asks interpreters after %d s\n",
                         kProbeLimitMs / 1000);
        QThreadPool::globalInstance()->waitForDone();
        TreemapWidget *map = window.explorer()->treemap();
        QElapsedTimer clock;
        PaintWatch watch(map, map->renderGeneration(), clock);
        // A layer that cannot be opened ends the timing with the window's
        // reason, and its message box is closed: nobody is there to click it.
        QString failed;
        QObject::connect(&window, &MainWindow::openFailed, &window, [&failed](const QString &error) {
            failed = error.isEmpty() ? QStringLiteral("the layer could not be opened") : error;
            QTimer::singleShot(0, [] {
                if (QWidget *box = QApplication::activeModalWidget())
                    box->close();
            });
        });
        clock.start();
        window.openPath(root);
        if (!spinUntil([&] { return watch.seconds() >= 0 || !failed.isEmpty(); }, kLimitMs)) {
            result.error = QStringLiteral("no treemap painted within %1 s").arg(kLimitMs / 1000);
            return result;
        }
        if (!failed.isEmpty()) {
            result.error = failed;
            return result;
        }
        if (run > 0) // the first run warms the page cache and the fonts
            opens.push_back(watch.seconds());
        if (run < runs)
            continue;

        // Toggles in the last window, once the background passes (metadata,
        // exact zip size, lint) have settled.
        spinUntil(
            [&] {
                const LayerDocument *doc = window.document();
                return doc->distributions() != nullptr && !doc->zipEstimator()->isComputing() &&
                       !window.checks()->isBusy() && doc->isBackgroundStarted();
            },
            kLimitMs);
        const int rule = RuleCatalog::indexOf(u"tests");
        std::vector<double> toggles;
        for (int k = 0; k < 10; ++k) {
            QElapsedTimer toggleClock;
            PaintWatch repaint(map, map->renderGeneration(), toggleClock);
            toggleClock.start();
            window.document()->setRuleEnabled(rule, k % 2 == 0);
            if (!spinUntil([&] { return repaint.seconds() >= 0; }, 10000)) {
                result.error = QStringLiteral("a rule toggle did not repaint the treemap");
                break;
            }
            toggles.push_back(repaint.seconds());
        }
        result.toggle = median(toggles);
    }
    result.open = median(opens);
    return result;
}
