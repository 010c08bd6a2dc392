#include "base/jsonfields.h"

#include <QJsonArray>

namespace jsonfields {

bool readString(const QJsonValue &value, const QString &key, QString *out, QString *error)
{
    if (!value.isString()) {
        *error = QStringLiteral("\"%1\" must be a string").arg(key);
        return false;
    }
    *out = value.toString();
    return true;
}

bool readStringList(const QJsonValue &value, const QString &key, QStringList *out, QString *error)
{
    if (!value.isArray()) {
        *error = QStringLiteral("\"%1\" must be a list of strings").arg(key);
        return false;
    }
    out->clear();
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString()) {
            *error = QStringLiteral("\"%1\" must hold only strings").arg(key);
            return false;
        }
        out->push_back(item.toString());
    }
    return true;
}

} // namespace jsonfields
