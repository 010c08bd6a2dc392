// Writes an export plan as an unpacked folder (the layer's content, ready to
// zip by other means or to mount): same names, modes and timestamps as the
// zip would carry, built in a temporary folder and swapped into place.
#pragma once

#include "base/jobcontrol.h"
#include "export/exportoptions.h"
#include "export/exportplan.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <vector>

class FolderExporter
{
public:
    // Fills `result` (ok, error, cancelled); counts are the caller's.
    static void run(const FileTree &tree, const ExportPlan &plan, const std::vector<ZipEntryRef> &zipEntries,
                    const ExportOptions &options, JobControl *control, ExportResult *result);
};
