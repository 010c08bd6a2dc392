<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>BreadcrumbBar</name>
    <message>
        <source>Show the whole layer</source>
        <translation>Show the whole layer</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Show %1</translation>
    </message>
</context>
<context>
    <name>BreakdownChart</name>
    <message>
        <source>other  %1</source>
        <translation>other  %1</translation>
    </message>
    <message>
        <source>by category</source>
        <translation>by category</translation>
    </message>
    <message>
        <source>by package</source>
        <translation>by package</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kept bytes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kept bytes&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>BudgetPanel</name>
    <message>
        <source>Unzipped</source>
        <translation>Unzipped</translation>
    </message>
    <message>
        <source>Zipped</source>
        <translation>Zipped</translation>
    </message>
    <message>
        <source>Lambda allows 250 MB (262,144,000 bytes) unzipped for a function and all its layers together; the hatched part is kept free for your other layers.</source>
        <translation>Lambda allows 250 MB (262,144,000 bytes) unzipped for a function and all its layers together; the hatched part is kept free for your other layers.</translation>
    </message>
    <message>
        <source>A layer zip uploaded directly may be at most 50 MB; larger ones go through S3.</source>
        <translation>A layer zip uploaded directly may be at most 50 MB; larger ones go through S3.</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Room to leave for the function code and your other layers</source>
        <translation>Room to leave for the function code and your other layers</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lambda budget&lt;/b&gt;</source>
        <translation>&lt;b&gt;Lambda budget&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Reserve for other layers:</source>
        <translation>&amp;Reserve for other layers:</translation>
    </message>
    <message>
        <source>open a layer</source>
        <translation>open a layer</translation>
    </message>
    <message>
        <source>The function&apos;s code and its other layers: they count against the same 250 MB</source>
        <translation>The function&apos;s code and its other layers: they count against the same 250 MB</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Add the function&apos;s code or another layer</source>
        <translation>Add the function&apos;s code or another layer</translation>
    </message>
    <message>
        <source>Layer or Function &amp;Zip…</source>
        <translation>Layer or Function &amp;Zip…</translation>
    </message>
    <message>
        <source>&amp;Folder…</source>
        <translation>&amp;Folder…</translation>
    </message>
    <message>
        <source>Size…</source>
        <translation>Size…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Sharing the limit:</source>
        <translation>Sharing the limit:</translation>
    </message>
    <message>
        <source>the prefix is not valid</source>
        <translation>the prefix is not valid</translation>
    </message>
    <message>
        <source>The zip the export writes at level %1, to the byte.</source>
        <translation>The zip the export writes at level %1, to the byte.</translation>
    </message>
    <message>
        <source>An estimate while every file is compressed once in the background; it becomes exact to the byte when that ends.</source>
        <translation>An estimate while every file is compressed once in the background; it becomes exact to the byte when that ends.</translation>
    </message>
    <message>
        <source>Add a folder to the budget</source>
        <translation>Add a folder to the budget</translation>
    </message>
    <message>
        <source>Add a zip to the budget</source>
        <translation>Add a zip to the budget</translation>
    </message>
    <message>
        <source>Zip archives (*.zip);;All files (*)</source>
        <translation>Zip archives (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>Add a size</source>
        <translation>Add a size</translation>
    </message>
    <message>
        <source>What takes the space (e.g. a layer&apos;s name):</source>
        <translation>What takes the space (e.g. a layer&apos;s name):</translation>
    </message>
    <message>
        <source>function code</source>
        <translation>function code</translation>
    </message>
    <message>
        <source>Unzipped size of “%1” in MB:</source>
        <translation>Unzipped size of “%1” in MB:</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>%1: %2 bytes unzipped</source>
        <translation>%1: %2 bytes unzipped</translation>
    </message>
    <message>
        <source>Left out of the budget: %1</source>
        <translation>Left out of the budget: %1</translation>
    </message>
    <message>
        <source>Measuring %1…</source>
        <translation>Measuring %1…</translation>
    </message>
    <message>
        <source>Measuring %1… %2 files, %3</source>
        <translation>Measuring %1… %2 files, %3</translation>
    </message>
</context>
<context>
    <name>CheckMarks</name>
    <message>
        <source>built for %1</source>
        <translation>built for %1</translation>
    </message>
    <message>
        <source>%1, not %2</source>
        <translation>%1, not %2</translation>
    </message>
    <message>
        <source>needs glibc %1</source>
        <translation>needs glibc %1</translation>
    </message>
    <message>
        <source>%1 binary</source>
        <translation>%1 binary</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unreadable</translation>
    </message>
    <message>
        <source>imports</source>
        <translation>imports</translation>
    </message>
    <message>
        <source>import %1 passed</source>
        <translation>import %1 passed</translation>
    </message>
    <message>
        <source>import fails</source>
        <translation>import fails</translation>
    </message>
    <message>
        <source>import %1 failed: %2</source>
        <translation>import %1 failed: %2</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 error</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 errors</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 warning</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 warnings</translation>
    </message>
    <message>
        <source>Findings inside this folder; the Checks panel lists them.</source>
        <translation>Findings inside this folder; the Checks panel lists them.</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Lambda runtime the layer must load on</source>
        <translation>Lambda runtime the layer must load on</translation>
    </message>
    <message>
        <source>Lambda architecture the layer must load on</source>
        <translation>Lambda architecture the layer must load on</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Target:</translation>
    </message>
    <message>
        <source>Stop the running check</source>
        <translation>Stop the running check</translation>
    </message>
    <message>
        <source>%1 of %2 done, last: %3</source>
        <translation>%1 of %2 done, last: %3</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Lint</source>
        <translation>Lint</translation>
    </message>
    <message>
        <source>The selection changed since these results; run the checks again.</source>
        <translation>The selection changed since these results; run the checks again.</translation>
    </message>
</context>
<context>
    <name>CulpritSearch</name>
    <message>
        <source>Pruned path</source>
        <translation>Pruned path</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>&amp;Keep These Paths</source>
        <translation>&amp;Keep These Paths</translation>
    </message>
    <message>
        <source>Mark the culprits Keep (one undo step)</source>
        <translation>Mark the culprits Keep (one undo step)</translation>
    </message>
    <message>
        <source>Looking for what %1 needs among the pruned paths…</source>
        <translation>Looking for what %1 needs among the pruned paths…</translation>
    </message>
    <message>
        <source>Search cancelled.</source>
        <translation>Search cancelled.</translation>
    </message>
    <message numerus="yes">
        <source>Keep %n path(s) %1 needs</source>
        <translation>
            <numerusform>Keep %n path %1 needs</numerusform>
            <numerusform>Keep %n paths %1 needs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept %n path(s); verify again to confirm.</source>
        <translation>
            <numerusform>Kept %n path; verify again to confirm.</numerusform>
            <numerusform>Kept %n paths; verify again to confirm.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; imports again when these pruned paths are kept (%2 verify runs over %3 pruned subtrees):</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; imports again when these pruned paths are kept (%2 verify runs over %3 pruned subtrees):</translation>
    </message>
    <message>
        <source>No culprit for &lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>No culprit for &lt;b&gt;%1&lt;/b&gt;: %2</translation>
    </message>
</context>
<context>
    <name>ExceptionsDialog</name>
    <message>
        <source>Exceptions to “%1”</source>
        <translation>Exceptions to “%1”</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;&lt;br&gt;Entries matching one of these globs stay in the layer even when the rule matches them. One glob a line, relative to the package root: &lt;code&gt;*&lt;/code&gt; and &lt;code&gt;?&lt;/code&gt; stay within a folder, &lt;code&gt;**&lt;/code&gt; spans folders (&lt;code&gt;PIL/**&lt;/code&gt;, &lt;code&gt;**/tests&lt;/code&gt;, &lt;code&gt;scipy/misc/face.dat&lt;/code&gt;).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;&lt;br&gt;Entries matching one of these globs stay in the layer even when the rule matches them. One glob a line, relative to the package root: &lt;code&gt;*&lt;/code&gt; and &lt;code&gt;?&lt;/code&gt; stay within a folder, &lt;code&gt;**&lt;/code&gt; spans folders (&lt;code&gt;PIL/**&lt;/code&gt;, &lt;code&gt;**/tests&lt;/code&gt;, &lt;code&gt;scipy/misc/face.dat&lt;/code&gt;).</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Add %1</translation>
    </message>
</context>
<context>
    <name>ExplorerView</name>
    <message>
        <source> — pruned by you</source>
        <translation> — pruned by you</translation>
    </message>
    <message>
        <source> — pruned by “%1”</source>
        <translation> — pruned by “%1”</translation>
    </message>
    <message>
        <source>Treemap</source>
        <translation>Treemap</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Write a &amp;report beside the zip (.report.md and .report.json)</source>
        <translation>Write a &amp;report beside the zip (.report.md and .report.json)</translation>
    </message>
    <message>
        <source>Export Layer</source>
        <translation>Export Layer</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose where to write the zip</source>
        <translation>Choose where to write the zip</translation>
    </message>
    <message>
        <source>python/ (any Python runtime)</source>
        <translation>python/ (any Python runtime)</translation>
    </message>
    <message>
        <source>none (the zip&apos;s root)</source>
        <translation>none (the zip&apos;s root)</translation>
    </message>
    <message>
        <source>0 stores; 1–12 are libdeflate&apos;s levels (6 is zip&apos;s default, 12 the smallest)</source>
        <translation>0 stores; 1–12 are libdeflate&apos;s levels (6 is zip&apos;s default, 12 the smallest)</translation>
    </message>
    <message>
        <source>&amp;Output zip:</source>
        <translation>&amp;Output zip:</translation>
    </message>
    <message>
        <source>&amp;Prefix:</source>
        <translation>&amp;Prefix:</translation>
    </message>
    <message>
        <source>Compression &amp;level:</source>
        <translation>Compression &amp;level:</translation>
    </message>
    <message>
        <source>Rules used, what each removed per package, lint findings and sizes before and after</source>
        <translation>Rules used, what each removed per package, lint findings and sizes before and after</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>Export layer zip</source>
        <translation>Export layer zip</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Zip archives (*.zip)</translation>
    </message>
    <message>
        <source>%1 files, %2 unzipped.</source>
        <translation>%1 files, %2 unzipped.</translation>
    </message>
    <message>
        <source>The zip will be %1 bytes (%2).</source>
        <translation>The zip will be %1 bytes (%2).</translation>
    </message>
    <message>
        <source>The zip will be about %1 at level 6.</source>
        <translation>The zip will be about %1 at level 6.</translation>
    </message>
    <message>
        <source>Every entry of the zip is compressed again at level %1; its size is known after the export.</source>
        <translation>Every entry of the zip is compressed again at level %1; its size is known after the export.</translation>
    </message>
    <message>
        <source>Entries are copied as they are stored; change the level to compress them again.</source>
        <translation>Entries are copied as they are stored; change the level to compress them again.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The prefix is not valid.&lt;/b&gt;</source>
        <translation>&lt;b&gt;The prefix is not valid.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Choose where to write the zip.</source>
        <translation>Choose where to write the zip.</translation>
    </message>
    <message>
        <source>Writing %1 — %2</source>
        <translation>Writing %1 — %2</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>Cancelled; nothing was written.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Export failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Export failed:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Done.&lt;/b&gt; %1: %2 zip (%3 bytes), %4 files, %5 unzipped, in %6 s.</source>
        <translation>&lt;b&gt;Done.&lt;/b&gt; %1: %2 zip (%3 bytes), %4 files, %5 unzipped, in %6 s.</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>Report: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The report was not written:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;The report was not written:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>keep as shipped</source>
        <translation>keep as shipped</translation>
    </message>
    <message>
        <source>drop (Python rebuilds it; slower cold starts)</source>
        <translation>drop (Python rebuilds it; slower cold starts)</translation>
    </message>
    <message>
        <source>precompile for %1 (unchecked-hash .pyc)</source>
        <translation>precompile for %1 (unchecked-hash .pyc)</translation>
    </message>
    <message>
        <source>sourceless (.pyc in place of .py)</source>
        <translation>sourceless (.pyc in place of .py)</translation>
    </message>
    <message>
        <source>Precompile and sourceless run compileall with a Python of the target&apos;s version</source>
        <translation>Precompile and sourceless run compileall with a Python of the target&apos;s version</translation>
    </message>
    <message>
        <source>&amp;Bytecode:</source>
        <translation>&amp;Bytecode:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lint:&lt;/b&gt; %1 errors for %2 in the kept files; see the report.</source>
        <translation>&lt;b&gt;Lint:&lt;/b&gt; %1 errors for %2 in the kept files; see the report.</translation>
    </message>
</context>
<context>
    <name>FileTreeModel</name>
    <message>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>%1 bytes kept</source>
        <translation>%1 bytes kept</translation>
    </message>
    <message>
        <source>Checked entries are kept in the layer; uncheck to prune.</source>
        <translation>Checked entries are kept in the layer; uncheck to prune.</translation>
    </message>
    <message>
        <source>Bytes of the regular files below, as Lambda counts them.</source>
        <translation>Bytes of the regular files below, as Lambda counts them.</translation>
    </message>
    <message>
        <source>Bytes that stay in the layer with the current selection.</source>
        <translation>Bytes that stay in the layer with the current selection.</translation>
    </message>
    <message>
        <source>Share of the parent folder&apos;s bytes.</source>
        <translation>Share of the parent folder&apos;s bytes.</translation>
    </message>
    <message>
        <source>Regular files below.</source>
        <translation>Regular files below.</translation>
    </message>
    <message>
        <source>The rule, or your manual choice, that leaves the entry out.</source>
        <translation>The rule, or your manual choice, that leaves the entry out.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Kept</translation>
    </message>
    <message>
        <source>% of parent</source>
        <translation>% of parent</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Pruned by</source>
        <translation>Pruned by</translation>
    </message>
    <message>
        <source>Lint findings and verify results, once the Checks panel has run them; folders sum what is below.</source>
        <translation>Lint findings and verify results, once the Checks panel has run them; folders sum what is below.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Checks</translation>
    </message>
</context>
<context>
    <name>LayerBudget</name>
    <message>
        <source>can be uploaded directly</source>
        <translation>can be uploaded directly</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>fits</translation>
    </message>
    <message>
        <source>eats into the reserve</source>
        <translation>eats into the reserve</translation>
    </message>
    <message>
        <source>too large to upload directly</source>
        <translation>too large to upload directly</translation>
    </message>
    <message>
        <source>over the limit</source>
        <translation>over the limit</translation>
    </message>
    <message>
        <source>can be uploaded directly: %1 under the %2 direct-upload limit</source>
        <translation>can be uploaded directly: %1 under the %2 direct-upload limit</translation>
    </message>
    <message>
        <source>too large to upload directly: %1 over the %2 direct-upload limit; upload it through S3</source>
        <translation>too large to upload directly: %1 over the %2 direct-upload limit; upload it through S3</translation>
    </message>
    <message>
        <source>fits: %1 to spare beside the %2 reserve</source>
        <translation>fits: %1 to spare beside the %2 reserve</translation>
    </message>
    <message>
        <source>fits: %1 to spare</source>
        <translation>fits: %1 to spare</translation>
    </message>
    <message>
        <source>eats into the reserve: only %1 of the %2 reserve left</source>
        <translation>eats into the reserve: only %1 of the %2 reserve left</translation>
    </message>
    <message>
        <source>over the limit: %1 more than the %2 allowed</source>
        <translation>over the limit: %1 more than the %2 allowed</translation>
    </message>
    <message>
        <source>(beside %1 of other layers and code; this layer may take %2)</source>
        <translation>(beside %1 of other layers and code; this layer may take %2)</translation>
    </message>
</context>
<context>
    <name>LayerDocument</name>
    <message>
        <source>Enable rule “%1”</source>
        <translation>Enable rule “%1”</translation>
    </message>
    <message>
        <source>Disable rule “%1”</source>
        <translation>Disable rule “%1”</translation>
    </message>
    <message>
        <source>Edit exceptions of “%1”</source>
        <translation>Edit exceptions of “%1”</translation>
    </message>
    <message>
        <source>the whole layer</source>
        <translation>the whole layer</translation>
    </message>
    <message>
        <source>Prune %1</source>
        <translation>Prune %1</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>Keep %1</translation>
    </message>
    <message>
        <source>Let rules decide %1</source>
        <translation>Let rules decide %1</translation>
    </message>
    <message>
        <source>Reset all choices</source>
        <translation>Reset all choices</translation>
    </message>
    <message>
        <source>Apply profile</source>
        <translation>Apply profile</translation>
    </message>
</context>
<context>
    <name>LimitGauge</name>
    <message>
        <source>Kept</source>
        <translation>Kept</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>Reserve</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; of %2</translation>
    </message>
    <message>
        <source>— of %1</source>
        <translation>— of %1</translation>
    </message>
    <message>
        <source>%1 bytes of %2 bytes</source>
        <translation>%1 bytes of %2 bytes</translation>
    </message>
    <message>
        <source>%1: %2 MB</source>
        <translation>%1: %2 MB</translation>
    </message>
    <message>
        <source>&lt;b&gt;≈ %1&lt;/b&gt; of %2</source>
        <translation>&lt;b&gt;≈ %1&lt;/b&gt; of %2</translation>
    </message>
</context>
<context>
    <name>LintTab</name>
    <message>
        <source>machine</source>
        <translation>machine</translation>
    </message>
    <message>
        <source>ABI tag</source>
        <translation>ABI tag</translation>
    </message>
    <message>
        <source>glibc</source>
        <translation>glibc</translation>
    </message>
    <message>
        <source>not ELF</source>
        <translation>not ELF</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unreadable</translation>
    </message>
    <message>
        <source>&amp;Lint</source>
        <translation>&amp;Lint</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Path</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Check the kept native files: ELF machine, CPython ABI tag, GLIBC version, macOS/Windows binaries</source>
        <translation>Check the kept native files: ELF machine, CPython ABI tag, GLIBC version, macOS/Windows binaries</translation>
    </message>
    <message>
        <source>Linting native files for %1 on %2…</source>
        <translation>Linting native files for %1 on %2…</translation>
    </message>
    <message>
        <source>Lint cancelled; the list is partial.</source>
        <translation>Lint cancelled; the list is partial.</translation>
    </message>
    <message>
        <source>Lint checks the kept native files against the target.</source>
        <translation>Lint checks the kept native files against the target.</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>%1 on %2 (%3, glibc ≤ %4): %5 files checked, %6 ELF — %7 error(s), %8 warning(s)</source>
        <translation>%1 on %2 (%3, glibc ≤ %4): %5 files checked, %6 ELF — %7 error(s), %8 warning(s)</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <source>LayerSlim Log</source>
        <translation>LayerSlim Log</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <source>Open &amp;Folder</source>
        <translation>Open &amp;Folder</translation>
    </message>
    <message>
        <source>The log and its older rotations</source>
        <translation>The log and its older rotations</translation>
    </message>
    <message>
        <source>Logging has not started.</source>
        <translation>Logging has not started.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>The last %1 KB of %2</source>
        <translation>The last %1 KB of %2</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Open &amp;Folder…</translation>
    </message>
    <message>
        <source>Open a layer folder or site-packages</source>
        <translation>Open a layer folder or site-packages</translation>
    </message>
    <message>
        <source>Open &amp;Zip…</source>
        <translation>Open &amp;Zip…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open an existing layer zip</source>
        <translation>Open an existing layer zip</translation>
    </message>
    <message>
        <source>Open &amp;Profile…</source>
        <translation>Open &amp;Profile…</translation>
    </message>
    <message>
        <source>Ctrl+Alt+O</source>
        <translation>Ctrl+Alt+O</translation>
    </message>
    <message>
        <source>Apply a saved profile&apos;s rules and choices</source>
        <translation>Apply a saved profile&apos;s rules and choices</translation>
    </message>
    <message>
        <source>&amp;Save Profile…</source>
        <translation>&amp;Save Profile…</translation>
    </message>
    <message>
        <source>Save the rules and choices as a profile for layerslim-cli</source>
        <translation>Save the rules and choices as a profile for layerslim-cli</translation>
    </message>
    <message>
        <source>&amp;Export Layer…</source>
        <translation>&amp;Export Layer…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Write the kept files as a layer zip</source>
        <translation>Write the kept files as a layer zip</translation>
    </message>
    <message>
        <source>&amp;Close Layer</source>
        <translation>&amp;Close Layer</translation>
    </message>
    <message>
        <source>Close the layer and show the start page</source>
        <translation>Close the layer and show the start page</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Quit LayerSlim</source>
        <translation>Quit LayerSlim</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>&amp;Filter by Name</source>
        <translation>&amp;Filter by Name</translation>
    </message>
    <message>
        <source>Filter the tree by file name</source>
        <translation>Filter the tree by file name</translation>
    </message>
    <message>
        <source>&amp;Prune Selected</source>
        <translation>&amp;Prune Selected</translation>
    </message>
    <message>
        <source>Leave the selected file or folder out of the layer</source>
        <translation>Leave the selected file or folder out of the layer</translation>
    </message>
    <message>
        <source>&amp;Keep Selected</source>
        <translation>&amp;Keep Selected</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Keep the selected file or folder whatever the rules say</source>
        <translation>Keep the selected file or folder whatever the rules say</translation>
    </message>
    <message>
        <source>&amp;Let Rules Decide</source>
        <translation>&amp;Let Rules Decide</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Forget manual choices on the selected file or folder</source>
        <translation>Forget manual choices on the selected file or folder</translation>
    </message>
    <message>
        <source>Reset &amp;All Choices</source>
        <translation>Reset &amp;All Choices</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Disable every rule and forget every manual choice</source>
        <translation>Disable every rule and forget every manual choice</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>Show the folder the treemap showed before</source>
        <translation>Show the folder the treemap showed before</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>&amp;Up</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+Up</translation>
    </message>
    <message>
        <source>Show the parent folder in the treemap</source>
        <translation>Show the parent folder in the treemap</translation>
    </message>
    <message>
        <source>&amp;Top</source>
        <translation>&amp;Top</translation>
    </message>
    <message>
        <source>Alt+Home</source>
        <translation>Alt+Home</translation>
    </message>
    <message>
        <source>Show the whole layer in the treemap</source>
        <translation>Show the whole layer in the treemap</translation>
    </message>
    <message>
        <source>&amp;Zoom In</source>
        <translation>&amp;Zoom In</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Show the selected folder in the treemap</source>
        <translation>Show the selected folder in the treemap</translation>
    </message>
    <message>
        <source>&amp;Hide Pruned</source>
        <translation>&amp;Hide Pruned</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Draw only what stays in the layer</source>
        <translation>Draw only what stays in the layer</translation>
    </message>
    <message>
        <source>Go to &amp;Tree</source>
        <translation>Go to &amp;Tree</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the tree</source>
        <translation>Move the keyboard focus to the tree</translation>
    </message>
    <message>
        <source>Go to &amp;Rules</source>
        <translation>Go to &amp;Rules</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the rules</source>
        <translation>Move the keyboard focus to the rules</translation>
    </message>
    <message>
        <source>Edit &amp;Exceptions…</source>
        <translation>Edit &amp;Exceptions…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Keep some packages or paths the current rule would prune</source>
        <translation>Keep some packages or paths the current rule would prune</translation>
    </message>
    <message>
        <source>&amp;About LayerSlim</source>
        <translation>&amp;About LayerSlim</translation>
    </message>
    <message>
        <source>What LayerSlim is and which version this is</source>
        <translation>What LayerSlim is and which version this is</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <source>The Qt version LayerSlim runs on</source>
        <translation>The Qt version LayerSlim runs on</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Rules</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Show &amp;Log</source>
        <translation>Show &amp;Log</translation>
    </message>
    <message>
        <source>What LayerSlim has logged: scans, exports, checks and errors</source>
        <translation>What LayerSlim has logged: scans, exports, checks and errors</translation>
    </message>
    <message>
        <source>&amp;New Layer from Requirements…</source>
        <translation>&amp;New Layer from Requirements…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Stage a new layer folder with pip from a requirements file</source>
        <translation>Stage a new layer folder with pip from a requirements file</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>Pre&amp;ferences…</translation>
    </message>
    <message>
        <source>Language of the interface</source>
        <translation>Language of the interface</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop scanning (Esc)</source>
        <translation>Stop scanning (Esc)</translation>
    </message>
    <message>
        <source>Open a layer folder or site-packages</source>
        <translation>Open a layer folder or site-packages</translation>
    </message>
    <message>
        <source>Open a layer zip</source>
        <translation>Open a layer zip</translation>
    </message>
    <message>
        <source>Zip archives (*.zip);;All files (*)</source>
        <translation>Zip archives (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>Scanning… %1 files, %2 — %3</source>
        <translation>Scanning… %1 files, %2 — %3</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>Scanning %1…</translation>
    </message>
    <message>
        <source>Cannot open layer</source>
        <translation>Cannot open layer</translation>
    </message>
    <message numerus="yes">
        <source>%n entries could not be read; see the log for the paths.</source>
        <translation>
            <numerusform>%n entry could not be read; see the log for the path.</numerusform>
            <numerusform>%n entries could not be read; see the log for the paths.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a layer folder or zip, or drop one here.</source>
        <translation>Open a layer folder or zip, or drop one here.</translation>
    </message>
    <message>
        <source>%1 files, %2 folders, %3 — kept %4 in %5 files — pruned %6 in %7 files</source>
        <translation>%1 files, %2 folders, %3 — kept %4 in %5 files — pruned %6 in %7 files</translation>
    </message>
    <message>
        <source>%1 — LayerSlim</source>
        <translation>%1 — LayerSlim</translation>
    </message>
    <message>
        <source>LayerSlim</source>
        <translation>LayerSlim</translation>
    </message>
    <message>
        <source>Open a profile</source>
        <translation>Open a profile</translation>
    </message>
    <message>
        <source>LayerSlim profiles (*.json);;All files (*)</source>
        <translation>LayerSlim profiles (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>Cannot apply profile</source>
        <translation>Cannot apply profile</translation>
    </message>
    <message>
        <source>Applied %1</source>
        <translation>Applied %1</translation>
    </message>
    <message>
        <source>Save the choices as a profile</source>
        <translation>Save the choices as a profile</translation>
    </message>
    <message>
        <source>LayerSlim profiles (*.json)</source>
        <translation>LayerSlim profiles (*.json)</translation>
    </message>
    <message>
        <source>Cannot save profile</source>
        <translation>Cannot save profile</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>About LayerSlim</source>
        <translation>About LayerSlim</translation>
    </message>
    <message>
        <source>&lt;h3&gt;LayerSlim %1&lt;/h3&gt;&lt;p&gt;Fits Python dependencies into AWS Lambda layers: it shows what takes the space, prunes it with rules whose risk is spelled out, keeps a live count against Lambda&apos;s 250 MB (262,144,000 bytes) unzipped limit and exports a reproducible layer zip.&lt;/p&gt;&lt;p&gt;The scanned folder is never written to. Profiles saved here replay with &lt;code&gt;layerslim-cli&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;Log file: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LayerSlim %1&lt;/h3&gt;&lt;p&gt;Fits Python dependencies into AWS Lambda layers: it shows what takes the space, prunes it with rules whose risk is spelled out, keeps a live count against Lambda&apos;s 250 MB (262,144,000 bytes) unzipped limit and exports a reproducible layer zip.&lt;/p&gt;&lt;p&gt;The scanned folder is never written to. Profiles saved here replay with &lt;code&gt;layerslim-cli&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;Log file: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Breakdown</translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
</context>
<context>
    <name>NodeCategory</name>
    <message>
        <source>Native libraries</source>
        <translation>Native libraries</translation>
    </message>
    <message>
        <source>Python source</source>
        <translation>Python source</translation>
    </message>
    <message>
        <source>Bytecode</source>
        <translation>Bytecode</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Tests</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadata</translation>
    </message>
    <message>
        <source>Headers &amp; sources</source>
        <translation>Headers &amp; sources</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>NodeMenu</name>
    <message>
        <source>whole layer</source>
        <translation>whole layer</translation>
    </message>
    <message>
        <source>&amp;Prune</source>
        <translation>&amp;Prune</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Keep</translation>
    </message>
    <message>
        <source>&amp;Let Rules Decide</source>
        <translation>&amp;Let Rules Decide</translation>
    </message>
    <message>
        <source>&amp;Zoom Treemap Here</source>
        <translation>&amp;Zoom Treemap Here</translation>
    </message>
    <message>
        <source>&amp;Select in Tree</source>
        <translation>&amp;Select in Tree</translation>
    </message>
    <message>
        <source>&amp;Copy Path</source>
        <translation>&amp;Copy Path</translation>
    </message>
    <message>
        <source>&amp;Open Containing Folder</source>
        <translation>&amp;Open Containing Folder</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>The system&apos;s (%1)</translation>
    </message>
    <message>
        <source>LayerSlim speaks the chosen language from its next start.</source>
        <translation>LayerSlim speaks the chosen language from its next start.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>No recent layers</source>
        <translation>No recent layers</translation>
    </message>
    <message>
        <source>&amp;Clear Recent</source>
        <translation>&amp;Clear Recent</translation>
    </message>
</context>
<context>
    <name>RuleCatalog</name>
    <message>
        <source>Test suites</source>
        <translation>Test suites</translation>
    </message>
    <message>
        <source>Folders named exactly tests/ or test/. A few packages import from their own tests at import time; pandas/_testing is never matched.</source>
        <translation>Folders named exactly tests/ or test/. A few packages import from their own tests at import time; pandas/_testing is never matched.</translation>
    </message>
    <message>
        <source>Bytecode caches</source>
        <translation>Bytecode caches</translation>
    </message>
    <message>
        <source>__pycache__/ folders and *.pyc/*.pyo files. Python rebuilds them, but cold starts get slower (0.5–1 s to 2 s+ reported).</source>
        <translation>__pycache__/ folders and *.pyc/*.pyo files. Python rebuilds them, but cold starts get slower (0.5–1 s to 2 s+ reported).</translation>
    </message>
    <message>
        <source>Package metadata</source>
        <translation>Package metadata</translation>
    </message>
    <message>
        <source>*.dist-info/ and *.egg-info. Breaks importlib.metadata.version(), entry points and pkg_resources checks.</source>
        <translation>*.dist-info/ and *.egg-info. Breaks importlib.metadata.version(), entry points and pkg_resources checks.</translation>
    </message>
    <message>
        <source>pyproject.toml</source>
        <translation>pyproject.toml</translation>
    </message>
    <message>
        <source>Build configuration shipped inside packages; never read at run time.</source>
        <translation>Build configuration shipped inside packages; never read at run time.</translation>
    </message>
    <message>
        <source>Sample data</source>
        <translation>Sample data</translation>
    </message>
    <message>
        <source>*.dat files and sample-data folders (scipy.misc, sklearn, matplotlib). Functions that load the samples stop working.</source>
        <translation>*.dat files and sample-data folders (scipy.misc, sklearn, matplotlib). Functions that load the samples stop working.</translation>
    </message>
    <message>
        <source>C headers</source>
        <translation>C headers</translation>
    </message>
    <message>
        <source>*.h, *.hpp and include/ folders inside packages; only needed to build against the package.</source>
        <translation>*.h, *.hpp and include/ folders inside packages; only needed to build against the package.</translation>
    </message>
    <message>
        <source>Native sources</source>
        <translation>Native sources</translation>
    </message>
    <message>
        <source>*.pyx, *.pxd, *.pxi, *.c, *.cpp, *.f, *.f90: compiled already; only Cython cimport at build time reads them.</source>
        <translation>*.pyx, *.pxd, *.pxi, *.c, *.cpp, *.f, *.f90: compiled already; only Cython cimport at build time reads them.</translation>
    </message>
    <message>
        <source>Type stubs</source>
        <translation>Type stubs</translation>
    </message>
    <message>
        <source>*.pyi files for type checkers; never imported.</source>
        <translation>*.pyi files for type checkers; never imported.</translation>
    </message>
    <message>
        <source>Static libraries</source>
        <translation>Static libraries</translation>
    </message>
    <message>
        <source>*.a archives for linking; a running layer never loads them.</source>
        <translation>*.a archives for linking; a running layer never loads them.</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Documentation</translation>
    </message>
    <message>
        <source>*.md and *.rst outside metadata, docs/ and examples/ folders.</source>
        <translation>*.md and *.rst outside metadata, docs/ and examples/ folders.</translation>
    </message>
    <message>
        <source>Build tools</source>
        <translation>Build tools</translation>
    </message>
    <message>
        <source>pip, setuptools, wheel, pkg_resources, _distutils_hack and their metadata. Packages that import pkg_resources at run time break.</source>
        <translation>pip, setuptools, wheel, pkg_resources, _distutils_hack and their metadata. Packages that import pkg_resources at run time break.</translation>
    </message>
    <message>
        <source>Provided by Lambda</source>
        <translation>Provided by Lambda</translation>
    </message>
    <message>
        <source>boto3, botocore, s3transfer, jmespath: the Lambda Python runtime has them, maybe at another version.</source>
        <translation>boto3, botocore, s3transfer, jmespath: the Lambda Python runtime has them, maybe at another version.</translation>
    </message>
    <message>
        <source>Strip native libraries</source>
        <translation>Strip native libraries</translation>
    </message>
    <message>
        <source>Removes symbol tables and debug sections from *.so copies. Some libraries (Pillow, OpenCV, libpq) fail to load after it.</source>
        <translation>Removes symbol tables and debug sections from *.so copies. Some libraries (Pillow, OpenCV, libpq) fail to load after it.</translation>
    </message>
    <message>
        <source>Package metadata, lite</source>
        <translation>Package metadata, lite</translation>
    </message>
    <message>
        <source>Files in *.dist-info/ and *.egg-info/ except METADATA, PKG-INFO, entry_points.txt, top_level.txt and requires.txt: version(), entry points and requirement checks keep working; files() and pip uninstall do not.</source>
        <translation>Files in *.dist-info/ and *.egg-info/ except METADATA, PKG-INFO, entry_points.txt, top_level.txt and requires.txt: version(), entry points and requirement checks keep working; files() and pip uninstall do not.</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Alone: %1 bytes in %2 files.&lt;br&gt;Beyond the other choices: %3 bytes in %4 files.</source>
        <translation>Alone: %1 bytes in %2 files.&lt;br&gt;Beyond the other choices: %3 bytes in %4 files.</translation>
    </message>
    <message>
        <source>Spared: %1</source>
        <translation>Spared: %1</translation>
    </message>
    <message>
        <source>safe</source>
        <translation>safe</translation>
    </message>
    <message>
        <source>caution</source>
        <translation>caution</translation>
    </message>
    <message>
        <source>risky</source>
        <translation>risky</translation>
    </message>
    <message>
        <source>on export</source>
        <translation>on export</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message numerus="yes">
        <source>%n spared</source>
        <translation>
            <numerusform>%n spared</numerusform>
            <numerusform>%n spared</numerusform>
        </translation>
    </message>
    <message>
        <source>What the rule frees if it were the only choice.</source>
        <translation>What the rule frees if it were the only choice.</translation>
    </message>
    <message>
        <source>What the rule frees on top of every other rule and manual prune: the gauge moves by this much when you toggle it.</source>
        <translation>What the rule frees on top of every other rule and manual prune: the gauge moves by this much when you toggle it.</translation>
    </message>
    <message>
        <source>Packages or paths the rule leaves alone (double-click to edit).</source>
        <translation>Packages or paths the rule leaves alone (double-click to edit).</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>Alone</source>
        <translation>Alone</translation>
    </message>
    <message>
        <source>In union</source>
        <translation>In union</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>Exceptions</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>&amp;Exceptions…</source>
        <translation>&amp;Exceptions…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prune rules&lt;/b&gt;</source>
        <translation>&lt;b&gt;Prune rules&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Keep some packages or paths the current rule would prune</source>
        <translation>Keep some packages or paths the current rule would prune</translation>
    </message>
    <message>
        <source>Tick a rule to leave its matches out; hover for what can break.</source>
        <translation>Tick a rule to leave its matches out; hover for what can break.</translation>
    </message>
</context>
<context>
    <name>ScanJob</name>
    <message>
        <source>Scan cancelled.</source>
        <translation>Scan cancelled.</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <source>New Layer from Requirements</source>
        <translation>New Layer from Requirements</translation>
    </message>
    <message>
        <source>pip&apos;s &amp;output:</source>
        <translation>pip&apos;s &amp;output:</translation>
    </message>
    <message>
        <source>pip&apos;s messages appear here while it runs; its warnings and errors in red.</source>
        <translation>pip&apos;s messages appear here while it runs; its warnings and errors in red.</translation>
    </message>
    <message>
        <source>&amp;Stage</source>
        <translation>&amp;Stage</translation>
    </message>
    <message>
        <source>Run pip install for the target into the layer folder</source>
        <translation>Run pip install for the target into the layer folder</translation>
    </message>
    <message>
        <source>Running pip…</source>
        <translation>Running pip…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Stop pip; nothing is written</source>
        <translation>Stop pip; nothing is written</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelling:&lt;/b&gt; stopping pip…</source>
        <translation>&lt;b&gt;Cancelling:&lt;/b&gt; stopping pip…</translation>
    </message>
    <message>
        <source>Cancel pressed: stopping pip.</source>
        <translation>Cancel pressed: stopping pip.</translation>
    </message>
    <message numerus="yes">
        <source>Running pip: %n distribution(s) collected so far.</source>
        <translation>
            <numerusform>Running pip: %n distribution collected so far.</numerusform>
            <numerusform>Running pip: %n distributions collected so far.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Staged&lt;/b&gt; %n distribution(s) for %1 into %2.</source>
        <translation>
            <numerusform>&lt;b&gt;Staged&lt;/b&gt; %n distribution for %1 into %2.</numerusform>
            <numerusform>&lt;b&gt;Staged&lt;/b&gt; %n distributions for %1 into %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The explorer opens it now.</source>
        <translation>The explorer opens it now.</translation>
    </message>
    <message>
        <source>Staged into %1.</source>
        <translation>Staged into %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelled:&lt;/b&gt; pip was stopped and nothing was written.</source>
        <translation>&lt;b&gt;Cancelled:&lt;/b&gt; pip was stopped and nothing was written.</translation>
    </message>
    <message>
        <source>pip stopped %1 s after Cancel; its files were removed.</source>
        <translation>pip stopped %1 s after Cancel; its files were removed.</translation>
    </message>
    <message>
        <source>&lt;b&gt;pip failed&lt;/b&gt; (exit status %1); nothing was written.</source>
        <translation>&lt;b&gt;pip failed&lt;/b&gt; (exit status %1); nothing was written.</translation>
    </message>
    <message>
        <source>pip failed with exit status %1.</source>
        <translation>pip failed with exit status %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was staged:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Nothing was staged:&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>StageForm</name>
    <message>
        <source>&amp;Replace an existing python/ folder once pip has succeeded</source>
        <translation>&amp;Replace an existing python/ folder once pip has succeeded</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>requirements.txt, as pip reads it</source>
        <translation>requirements.txt, as pip reads it</translation>
    </message>
    <message>
        <source>the layer folder; the packages go to its python/ folder</source>
        <translation>the layer folder; the packages go to its python/ folder</translation>
    </message>
    <message>
        <source>The Python whose pip runs; it need not be the runtime&apos;s version</source>
        <translation>The Python whose pip runs; it need not be the runtime&apos;s version</translation>
    </message>
    <message>
        <source>python3 on PATH</source>
        <translation>python3 on PATH</translation>
    </message>
    <message>
        <source>e.g. --no-index --find-links ~/wheelhouse, or --index-url URL</source>
        <translation>e.g. --no-index --find-links ~/wheelhouse, or --index-url URL</translation>
    </message>
    <message>
        <source>Passed to pip install after LayerSlim&apos;s own options</source>
        <translation>Passed to pip install after LayerSlim&apos;s own options</translation>
    </message>
    <message>
        <source>Re&amp;quirements file:</source>
        <translation>Re&amp;quirements file:</translation>
    </message>
    <message>
        <source>Choose the requirements file</source>
        <translation>Choose the requirements file</translation>
    </message>
    <message>
        <source>&amp;Layer folder:</source>
        <translation>&amp;Layer folder:</translation>
    </message>
    <message>
        <source>Choose the folder for the new layer</source>
        <translation>Choose the folder for the new layer</translation>
    </message>
    <message>
        <source>&amp;Target runtime:</source>
        <translation>&amp;Target runtime:</translation>
    </message>
    <message>
        <source>P&amp;ython:</source>
        <translation>P&amp;ython:</translation>
    </message>
    <message>
        <source>Choose another interpreter</source>
        <translation>Choose another interpreter</translation>
    </message>
    <message>
        <source>Extra &amp;pip options:</source>
        <translation>Extra &amp;pip options:</translation>
    </message>
    <message>
        <source>Choose a requirements file</source>
        <translation>Choose a requirements file</translation>
    </message>
    <message>
        <source>Requirements files (*.txt *.in);;All files (*)</source>
        <translation>Requirements files (*.txt *.in);;All files (*)</translation>
    </message>
    <message>
        <source>Choose a Python interpreter</source>
        <translation>Choose a Python interpreter</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not a usable Python 3:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Not a usable Python 3:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>%1 — Python %2 (%3)</source>
        <translation>%1 — Python %2 (%3)</translation>
    </message>
    <message>
        <source>%1 with glibc %2: pip takes only %3 wheels for CPython %4 and compiles no bytecode.</source>
        <translation>%1 with glibc %2: pip takes only %3 wheels for CPython %4 and compiles no bytecode.</translation>
    </message>
    <message>
        <source>Choose or type a folder; it is created when needed.</source>
        <translation>Choose or type a folder; it is created when needed.</translation>
    </message>
    <message>
        <source>The packages go to %1.</source>
        <translation>The packages go to %1.</translation>
    </message>
    <message>
        <source>%1 exists; it is replaced once pip has succeeded and kept if pip fails.</source>
        <translation>%1 exists; it is replaced once pip has succeeded and kept if pip fails.</translation>
    </message>
    <message>
        <source>%1 exists already: tick Replace, or choose another folder.</source>
        <translation>%1 exists already: tick Replace, or choose another folder.</translation>
    </message>
    <message>
        <source>Choose a requirements file.</source>
        <translation>Choose a requirements file.</translation>
    </message>
    <message>
        <source>%1 is not a readable file.</source>
        <translation>%1 is not a readable file.</translation>
    </message>
    <message>
        <source>Choose a folder for the new layer.</source>
        <translation>Choose a folder for the new layer.</translation>
    </message>
    <message>
        <source>Choose a Python interpreter.</source>
        <translation>Choose a Python interpreter.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&lt;span style=&apos;font-size:22pt; font-weight:600&apos;&gt;LayerSlim&lt;/span&gt;&lt;br&gt;&lt;span style=&apos;font-size:11pt&apos;&gt;Fit Python dependencies into an AWS Lambda layer: see what takes the space, prune it with rules whose risk is spelled out, and export a layer zip. The folder you open is never written to.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;font-size:22pt; font-weight:600&apos;&gt;LayerSlim&lt;/span&gt;&lt;br&gt;&lt;span style=&apos;font-size:11pt&apos;&gt;Fit Python dependencies into an AWS Lambda layer: see what takes the space, prune it with rules whose risk is spelled out, and export a layer zip. The folder you open is never written to.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Open &amp;Folder…</translation>
    </message>
    <message>
        <source>Open &amp;Zip…</source>
        <translation>Open &amp;Zip…</translation>
    </message>
    <message>
        <source>…or drop a folder or a layer zip anywhere on this window.</source>
        <translation>…or drop a folder or a layer zip anywhere on this window.</translation>
    </message>
    <message>
        <source>Layer or site-packages</source>
        <translation>Layer or site-packages</translation>
    </message>
    <message>
        <source>Where it comes from</source>
        <translation>Where it comes from</translation>
    </message>
    <message>
        <source>Demo layer</source>
        <translation>Demo layer</translation>
    </message>
    <message>
        <source>Python site-packages on this machine</source>
        <translation>Python site-packages on this machine</translation>
    </message>
    <message>
        <source>Recent layers</source>
        <translation>Recent layers</translation>
    </message>
    <message>
        <source>numpy + scipy + pandas from Debian</source>
        <translation>numpy + scipy + pandas from Debian</translation>
    </message>
    <message>
        <source>Asking the Python interpreters on PATH…</source>
        <translation>Asking the Python interpreters on PATH…</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <source>No python3 interpreter on PATH named a site-packages folder.</source>
        <translation>No python3 interpreter on PATH named a site-packages folder.</translation>
    </message>
    <message>
        <source>recently opened</source>
        <translation>recently opened</translation>
    </message>
    <message>
        <source>Nothing opened yet.</source>
        <translation>Nothing opened yet.</translation>
    </message>
    <message>
        <source>&amp;New Layer from Requirements…</source>
        <translation>&amp;New Layer from Requirements…</translation>
    </message>
    <message>
        <source>Run pip for a Lambda runtime into a new layer folder, then open it</source>
        <translation>Run pip for a Lambda runtime into a new layer folder, then open it</translation>
    </message>
</context>
<context>
    <name>TreePanel</name>
    <message>
        <source>Filter by name (* and ? allowed)</source>
        <translation>Filter by name (* and ? allowed)</translation>
    </message>
</context>
<context>
    <name>TreemapLegend</name>
    <message>
        <source>Treemap legend</source>
        <translation>Treemap legend</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Pruned</source>
        <translation>Pruned</translation>
    </message>
</context>
<context>
    <name>TreemapWidget</name>
    <message>
        <source>Treemap</source>
        <translation>Treemap</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message numerus="yes">
        <source>Size: %1 in %n file(s)</source>
        <translation>
            <numerusform>Size: %1 in %n file</numerusform>
            <numerusform>Size: %1 in %n files</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept: %1 (%2 pruned)</source>
        <translation>Kept: %1 (%2 pruned)</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>Size: %1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>Category: %1</translation>
    </message>
    <message>
        <source>Pruned: manual</source>
        <translation>Pruned: manual</translation>
    </message>
    <message>
        <source>Pruned by rule: %1</source>
        <translation>Pruned by rule: %1</translation>
    </message>
    <message>
        <source>No layer open</source>
        <translation>No layer open</translation>
    </message>
    <message>
        <source>Laying out…</source>
        <translation>Laying out…</translation>
    </message>
    <message>
        <source>Everything here is pruned.</source>
        <translation>Everything here is pruned.</translation>
    </message>
    <message>
        <source>Nothing here takes up space.</source>
        <translation>Nothing here takes up space.</translation>
    </message>
</context>
<context>
    <name>VerifyTab</name>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>crashed</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>timed out</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>not run</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Other…</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <source>Find &amp;Culprit</source>
        <translation>Find &amp;Culprit</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Interpreter that imports the kept set (-S -I, clean environment)</source>
        <translation>Interpreter that imports the kept set (-S -I, clean environment)</translation>
    </message>
    <message>
        <source>Looking for Python…</source>
        <translation>Looking for Python…</translation>
    </message>
    <message>
        <source>Use an interpreter that is not on PATH or in pyenv</source>
        <translation>Use an interpreter that is not on PATH or in pyenv</translation>
    </message>
    <message>
        <source>Build the kept set in a scratch folder and import every top-level package</source>
        <translation>Build the kept set in a scratch folder and import every top-level package</translation>
    </message>
    <message>
        <source>Bisect the pruned paths for the smallest set the failed import needs</source>
        <translation>Bisect the pruned paths for the smallest set the failed import needs</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <source>Select a module to see its output</source>
        <translation>Select a module to see its output</translation>
    </message>
    <message>
        <source>Choose a Python interpreter</source>
        <translation>Choose a Python interpreter</translation>
    </message>
    <message>
        <source>%1 — Python %2 (%3)</source>
        <translation>%1 — Python %2 (%3)</translation>
    </message>
    <message>
        <source>No Python 3 found on PATH or in ~/.pyenv</source>
        <translation>No Python 3 found on PATH or in ~/.pyenv</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Importing every top-level package with %1…</source>
        <translation>Importing every top-level package with %1…</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>Verification cancelled.</translation>
    </message>
    <message>
        <source>Verify imports the kept set with a real Python.</source>
        <translation>Verify imports the kept set with a real Python.</translation>
    </message>
    <message>
        <source>smoke: %1</source>
        <translation>smoke: %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b style=&apos;color:#2e7d32&apos;&gt;Verified:&lt;/b&gt; all %n check(s) passed.</source>
        <translation>
            <numerusform>&lt;b style=&apos;color:#2e7d32&apos;&gt;Verified:&lt;/b&gt; the %n check passed.</numerusform>
            <numerusform>&lt;b style=&apos;color:#2e7d32&apos;&gt;Verified:&lt;/b&gt; all %n checks passed.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;Not verified:&lt;/b&gt; %1 of %2 checks failed.</source>
        <translation>&lt;b style=&apos;color:#c62828&apos;&gt;Not verified:&lt;/b&gt; %1 of %2 checks failed.</translation>
    </message>
    <message>
        <source>%1: %2 in %3 s (exit %4)</source>
        <translation>%1: %2 in %3 s (exit %4)</translation>
    </message>
    <message>
        <source>(output shortened)</source>
        <translation>(output shortened)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore and slim a Python tree into an AWS Lambda layer.</source>
        <translation>Explore and slim a Python tree into an AWS Lambda layer.</translation>
    </message>
    <message>
        <source>Layer folder, site-packages or layer zip to open.</source>
        <translation>Layer folder, site-packages or layer zip to open.</translation>
    </message>
    <message>
        <source>Rule ids to enable, comma-separated.</source>
        <translation>Rule ids to enable, comma-separated.</translation>
    </message>
    <message>
        <source>Profile to apply once PATH is open.</source>
        <translation>Profile to apply once PATH is open.</translation>
    </message>
    <message>
        <source>Save the window to FILE once PATH is shown, then quit.</source>
        <translation>Save the window to FILE once PATH is shown, then quit.</translation>
    </message>
    <message>
        <source>Select this path (relative to PATH) once open.</source>
        <translation>Select this path (relative to PATH) once open.</translation>
    </message>
    <message>
        <source>Log debug messages to stderr.</source>
        <translation>Log debug messages to stderr.</translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
</context>
</TS>
