// The text of a C library error number, for messages that name why a system
// call failed ("No such file or directory"), in the user's locale.
#pragma once

#include <QString>

#include <cerrno>

// `error` defaults to errno as it stands at the call.
[[nodiscard]] QString errnoText(int error = errno);
