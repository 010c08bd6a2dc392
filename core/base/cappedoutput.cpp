#include "base/cappedoutput.h"

#include <algorithm>

CappedOutput::CappedOutput(qsizetype cap)
    : m_half(cap < 0 ? -1 : cap / 2)
{
}

void CappedOutput::append(QByteArrayView data)
{
    m_total += data.size();
    if (m_half < 0) {
        m_head += data;
        return;
    }
    const qsizetype room = m_half - m_head.size();
    if (room > 0)
        m_head += data.first(std::min(room, data.size()));
    if (data.size() > room) {
        m_tail += data.sliced(std::max<qsizetype>(room, 0));
        if (m_tail.size() > m_half)
            m_tail = m_tail.right(m_half);
    }
}

QString CappedOutput::text() const
{
    if (!truncated())
        return QString::fromUtf8(m_head + m_tail);
    return QString::fromUtf8(m_head) +
           QStringLiteral("\n[... %1 bytes of output cut ...]\n").arg(m_total - m_head.size() - m_tail.size()) +
           QString::fromUtf8(m_tail);
}
