// The window as a user meets it, driven offscreen: the time from asking to
// open a layer to the first paint of its treemap (scan, classification,
// layout, shading, with every background pass the window starts competing for
// the cores), and from a rule toggle to the repainted treemap.
#pragma once

#include <QString>

struct WindowTiming {
    double open = -1;   // seconds from openPath() to the first painted treemap
    double toggle = -1; // median seconds from a rule toggle to its repaint
    QString error;      // why a figure is missing
};

// Median over `runs` fresh windows (after one warm-up) of opening `root` at
// 1600×1000; the toggle is timed in the last window.
[[nodiscard]] WindowTiming timeWindow(const QString &root, int runs);
