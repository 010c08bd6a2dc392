// libFuzzer target: any bytes as a profile. Profile::fromJson must accept a
// valid profile or name the problem, and whatever it accepts must survive a
// save/load round trip unchanged.
#include "select/profile.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const auto p = Profile::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), &error);
    if (!p) {
        if (error.isEmpty())
            std::abort(); // a refusal must say why
        return 0;
    }
    if (p->prefix.startsWith(QLatin1Char('/')) || p->prefix.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        std::abort(); // an unsafe prefix got through
    for (const QStringList *list : {&p->prune, &p->keep})
        for (const QString &path : *list)
            if (path.startsWith(QLatin1Char('/')) || path.split(QLatin1Char('/')).contains(QStringLiteral("..")))
                std::abort();
    QString again;
    const auto q = Profile::fromJson(p->toJson(), &again);
    if (!q || q->toJson() != p->toJson())
        std::abort(); // what loads must save and load back the same
    return 0;
}
