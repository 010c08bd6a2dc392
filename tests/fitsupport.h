// The layer the Make It Fit suites plan on: alpha (C headers, and a tests
// package nothing imports) and needy, whose __init__ imports
// needy.tests.fixture beside a 600,000-byte blob in the same folder.
#pragma once

#include "testsupport.h"

namespace fitsupport {

inline void writeNeedyLayer(const QString &site)
{
    testsupport::sh(
        QStringLiteral("python3 - %1 <<'EOF'\n"
                       "import os, sys\n"
                       "site = sys.argv[1]\n"
                       "def w(p, b):\n"
                       "    p = os.path.join(site, p); os.makedirs(os.path.dirname(p), exist_ok=True)\n"
                       "    open(p, 'wb').write(b)\n"
                       "w('alpha/__init__.py', b'A = 1\\n')\n"
                       "w('alpha/include/alpha.h', b'/* h */\\n' * 6250)\n"
                       "w('alpha/tests/__init__.py', b'')\n"
                       "w('alpha/tests/blob.bin', os.urandom(1000000))\n"
                       "w('needy/__init__.py', b'from needy.tests import fixture\\nVALUE = fixture.VALUE\\n')\n"
                       "w('needy/tests/__init__.py', b'')\n"
                       "w('needy/tests/fixture.py', b'VALUE = 42\\n')\n"
                       "w('needy/tests/blob.bin', os.urandom(600000))\n"
                       "EOF\n")
            .arg(testsupport::quoted(site)));
}

} // namespace fitsupport
