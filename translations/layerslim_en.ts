<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>CompareDialog</name>
    <message numerus="yes">
        <source>%n files added</source>
        <translation>
            <numerusform>%n file added</numerusform>
            <numerusform>%n files added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n removed</numerusform>
            <numerusform>%n removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n changed</numerusform>
            <numerusform>%n changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files could not be read and count as unchanged; see the log.</source>
        <translation>
            <numerusform>%n file could not be read and counts as unchanged; see the log.</numerusform>
            <numerusform>%n files could not be read and count as unchanged; see the log.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CulpritSearch</name>
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
</context>
<context>
    <name>DiffTreemap</name>
    <message numerus="yes">
        <source>%n files changed: %1 more, %2 less</source>
        <translation>
            <numerusform>%n file changed: %1 more, %2 less</numerusform>
            <numerusform>%n files changed: %1 more, %2 less</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FitDialog</name>
    <message numerus="yes">
        <source>&lt;b style=&apos;color:#1a7f37&apos;&gt;Fits:&lt;/b&gt; %1 of %2 after %n step(s), each verified with %3 (%4 checks run). Apply puts it in the layer as one step.</source>
        <translation>
            <numerusform>&lt;b style=&apos;color:#1a7f37&apos;&gt;Fits:&lt;/b&gt; %1 of %2 after %n step, each verified with %3 (%4 checks run). Apply puts it in the layer as one step.</numerusform>
            <numerusform>&lt;b style=&apos;color:#1a7f37&apos;&gt;Fits:&lt;/b&gt; %1 of %2 after %n steps, each verified with %3 (%4 checks run). Apply puts it in the layer as one step.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LayerDocument</name>
    <message numerus="yes">
        <source>Drop %n distribution(s)</source>
        <translation>
            <numerusform>Drop %n distribution</numerusform>
            <numerusform>Drop %n distributions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LintTab</name>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n entries could not be read; see the log for the paths.</source>
        <translation>
            <numerusform>%n entry could not be read; see the log for the path.</numerusform>
            <numerusform>%n entries could not be read; see the log for the paths.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequirementsPanel</name>
    <message numerus="yes">
        <source>%n installed distribution(s), %1 top-level; %2 kept belongs to none.</source>
        <translation>
            <numerusform>%n installed distribution, %1 top-level; %2 kept belongs to none.</numerusform>
            <numerusform>%n installed distributions, %1 top-level; %2 kept belongs to none.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of identical kept files; the extra copies take %1. Pruning a copy is your choice; verify proves the layer still imports.</source>
        <translation>
            <numerusform>%n group of identical kept files; the extra copies take %1. Pruning a copy is your choice; verify proves the layer still imports.</numerusform>
            <numerusform>%n groups of identical kept files; the extra copies take %1. Pruning a copy is your choice; verify proves the layer still imports.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message numerus="yes">
        <source>%n spared</source>
        <translation>
            <numerusform>%n spared</numerusform>
            <numerusform>%n spared</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message numerus="yes">
        <source>Running pip: %n distribution(s) collected so far.</source>
        <translation>
            <numerusform>Running pip: %n distribution collected so far.</numerusform>
            <numerusform>Running pip: %n distributions collected so far.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Staged&lt;/b&gt; %n distribution(s) for %1 into %2.</source>
        <translation>
            <numerusform>&lt;b&gt;Staged&lt;/b&gt; %n distribution for %1 into %2.</numerusform>
            <numerusform>&lt;b&gt;Staged&lt;/b&gt; %n distributions for %1 into %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TreemapLegend</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TreemapWidget</name>
    <message numerus="yes">
        <source>Size: %1 in %n file(s)</source>
        <translation>
            <numerusform>Size: %1 in %n file</numerusform>
            <numerusform>Size: %1 in %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyTab</name>
    <message numerus="yes">
        <source>&lt;b style=&apos;color:#2e7d32&apos;&gt;Verified:&lt;/b&gt; all %n check(s) passed.</source>
        <translation>
            <numerusform>&lt;b style=&apos;color:#2e7d32&apos;&gt;Verified:&lt;/b&gt; the %n check passed.</numerusform>
            <numerusform>&lt;b style=&apos;color:#2e7d32&apos;&gt;Verified:&lt;/b&gt; all %n checks passed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cold import, median of %n fresh process(es): %1..%2 ms; the whole process took %3 ms</source>
        <translation>
            <numerusform>Cold import, %n fresh process: %1..%2 ms; the whole process took %3 ms</numerusform>
            <numerusform>Cold import, median of %n fresh processes: %1..%2 ms; the whole process took %3 ms</numerusform>
        </translation>
    </message>
</context>
</TS>
