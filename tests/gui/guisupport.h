// Helpers the GUI suites share: the explorer window opened on the staged demo
// layer, as a user would open it, with the suites' own settings store.
#pragma once

#include "gui/shell/layerdocument.h"
#include "gui/shell/mainwindow.h"
#include "testsupport.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <memory>

namespace guisupport {

// Clears the test settings, shows a 1600×1000 MainWindow in `window` and opens
// the demo layer in it, waiting for the scan. A layer that does not open fails
// the current test. The caller runs Q_INIT_RESOURCE(layerslim) first (the
// macro cannot be used inside a namespace).
inline void openDemoWindow(std::unique_ptr<MainWindow> &window)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LayerSlimTests"));
    QSettings().clear();
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    window = std::make_unique<MainWindow>();
    window->resize(1600, 1000);
    window->show();
    QSignalSpy opened(window.get(), &MainWindow::layerOpened);
    window->openPath(testsupport::demoLayer());
    QVERIFY(window->isScanning());
    QVERIFY(opened.wait(120000));
    QVERIFY(window->document());
    // The dist-info rules' spares arrive from a background read of the sources: wait, so no number moves later.
    QTRY_VERIFY_WITH_TIMEOUT(window->document()->metadataSparesKnown(), 60000);
}

} // namespace guisupport
