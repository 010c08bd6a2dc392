// Fields of the JSON files LayerSlim reads (profiles, traces), checked for
// their type with the message a person reads: "\"rules\" must be a list of strings".
#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace jsonfields {

// `value`, the field named `key`, as a string; false with `error` set when it is not one.
[[nodiscard]] bool readString(const QJsonValue &value, const QString &key, QString *out, QString *error);
// `value`, the field named `key`, as a list of strings, replacing `out`;
// false with `error` set when it is not a list or holds anything else.
[[nodiscard]] bool readStringList(const QJsonValue &value, const QString &key, QStringList *out, QString *error);

} // namespace jsonfields
