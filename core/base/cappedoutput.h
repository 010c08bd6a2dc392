// One stream of a subprocess's output, bounded: once it goes over a cap only
// its head and its tail are kept (a traceback's end is what explains it), and
// the bytes in between are counted.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class CappedOutput
{
public:
    // Keeps the first and the last cap/2 bytes; a negative cap keeps everything.
    explicit CappedOutput(qsizetype cap = -1);

    void append(QByteArrayView data);

    // More was written than is kept.
    [[nodiscard]] bool truncated() const { return m_total > m_head.size() + m_tail.size(); }
    // Bytes written, kept or not.
    [[nodiscard]] qint64 total() const { return m_total; }
    // What is kept, head and tail joined (all of it when not truncated).
    [[nodiscard]] QByteArray bytes() const { return m_head + m_tail; }
    // What is kept as UTF-8, with "[... N bytes of output cut ...]" between head and tail.
    [[nodiscard]] QString text() const;

private:
    qsizetype m_half; // bytes kept at each end; -1 for all
    qint64 m_total = 0;
    QByteArray m_head, m_tail;
};
