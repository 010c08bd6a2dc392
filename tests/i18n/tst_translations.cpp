// The embedded translations: the Vietnamese .qm loads and translates what the
// .ts says, every tr() string of the GUI and of the rule catalog, categories
// and sizes it shows (found afresh by lupdate) has a
// finished translation with the same placeholders, and LanguageLoader honours
// the "language" setting.
#include "gui/shell/languageloader.h"
#include "testsupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <set>

namespace {

struct Message {
    QString context;
    QString source;
    QStringList translations; // one per numerus form
    bool finished = true;
    bool numerus = false;
};

std::vector<Message> readTs(const QString &path)
{
    std::vector<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == u"message") {
            out.push_back(m);
            continue;
        }
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            m = Message{context, {}, {}, true, xml.attributes().value(QLatin1String("numerus")) == u"yes"};
        } else if (name == u"source") {
            m.source = xml.readElementText();
        } else if (name == u"translation") {
            m.finished = xml.attributes().value(QLatin1String("type")).isEmpty();
            if (!m.numerus)
                m.translations = {xml.readElementText()};
        } else if (name == u"numerusform") {
            m.translations.push_back(xml.readElementText());
        }
    }
    return out;
}

std::set<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    std::set<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured(0));
    return out;
}

QString tsPath(const char *lang)
{
    return QStringLiteral(LAYERSLIM_SOURCE_DIR "/translations/layerslim_%1.ts").arg(QLatin1String(lang));
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void vietnameseQmTranslatesKnownStrings();
    void everyTsMessageRoundTrips_data();
    void everyTsMessageRoundTrips();
    void everyGuiStringIsTranslated();
    void settingOverridesTheSystemLocale();
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("LayerSlimTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    QSettings().clear();
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/layerslim_vi.qm")));
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/layerslim_en.qm")));
    QCOMPARE(LanguageLoader::available(), (QStringList{QStringLiteral("en"), QStringLiteral("vi")}));
}

void TestTranslations::vietnameseQmTranslatesKnownStrings()
{
    QTranslator vi;
    QVERIFY(vi.load(QStringLiteral(":/i18n/layerslim_vi.qm")));
    QVERIFY(!vi.isEmpty());
    QCOMPARE(vi.language(), QStringLiteral("vi_VN"));
    QCOMPARE(vi.translate("MainActions", "&File"), QStringLiteral("&Tệp"));
    QCOMPARE(vi.translate("MainActions", "&Help"), QStringLiteral("Trợ &giúp"));
    QCOMPARE(vi.translate("RulesModel", "risky"), QStringLiteral("rủi ro"));
    QCOMPARE(vi.translate("MainWindow", "Cannot save profile"), QStringLiteral("Không lưu được hồ sơ"));
    // Unknown strings are not invented.
    QVERIFY(vi.translate("MainActions", "no such string in LayerSlim").isEmpty());
    QTranslator en;
    QVERIFY(en.load(QStringLiteral(":/i18n/layerslim_en.qm")));
    // English is the source language: its file holds the plural forms only.
    QVERIFY(en.translate("MainActions", "&File").isEmpty());
    QCOMPARE(en.translate("CulpritSearch", "Kept %n path(s); verify again to confirm.", nullptr, 1),
             QStringLiteral("Kept %n path; verify again to confirm."));
    QCOMPARE(en.translate("CulpritSearch", "Kept %n path(s); verify again to confirm.", nullptr, 3),
             QStringLiteral("Kept %n paths; verify again to confirm."));
}

void TestTranslations::everyTsMessageRoundTrips_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("vi") << "vi";
    QTest::newRow("en") << "en";
}

void TestTranslations::everyTsMessageRoundTrips()
{
    QFETCH(QString, lang);
    const auto messages = readTs(tsPath(qPrintable(lang)));
    QVERIFY(messages.size() > (lang == QStringLiteral("vi") ? 50 : 5));
    if (lang == QStringLiteral("en"))
        for (const Message &m : messages)
            QVERIFY2(m.numerus, qPrintable(QStringLiteral("English needs plural forms only: ") + m.source));
    QTranslator tr;
    QVERIFY(tr.load(QStringLiteral(":/i18n/layerslim_%1.qm").arg(lang)));
    int differs = 0;
    for (const Message &m : messages) {
        const QString where = m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(m.finished, qPrintable(QStringLiteral("unfinished: ") + where));
        QVERIFY2(!m.translations.isEmpty() && !m.translations.first().isEmpty(), qPrintable(where));
        for (const QString &t : m.translations)
            QVERIFY2(placeholders(t) == placeholders(m.source),
                     qPrintable(QStringLiteral("placeholders differ: ") + where + QStringLiteral(" -> ") + t));
        if (m.source.contains(QLatin1Char('&')) && !m.source.contains(QStringLiteral("&&")))
            QVERIFY2(m.translations.first().count(QLatin1Char('&')) == m.source.count(QLatin1Char('&')),
                     qPrintable(QStringLiteral("accelerator lost: ") + where));
        const QByteArray ctx = m.context.toUtf8();
        const QByteArray src = m.source.toUtf8();
        const QString got = m.numerus ? tr.translate(ctx.constData(), src.constData(), nullptr, 1)
                                      : tr.translate(ctx.constData(), src.constData());
        QCOMPARE(got, m.translations.first());
        differs += got != m.source;
    }
    if (lang == QStringLiteral("vi"))
        QVERIFY(differs > int(messages.size()) * 3 / 4); // really Vietnamese, not copies of the source
}

void TestTranslations::everyGuiStringIsTranslated()
{
    // lupdate reads the GUI's sources afresh; every string it finds must be in
    // the shipped Vietnamese file, finished.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
    int code = 0;
    // The GUI and the core files whose strings it shows, as app/gui/CMakeLists.txt lists them.
    const QString sources = QStringLiteral(
        LAYERSLIM_SOURCE_DIR "/app/gui " LAYERSLIM_SOURCE_DIR "/core/select/rules.cpp " LAYERSLIM_SOURCE_DIR
                             "/core/tree/nodecategory.cpp " LAYERSLIM_SOURCE_DIR
                             "/core/base/units.cpp " LAYERSLIM_SOURCE_DIR "/core/select/layerbudget.cpp");
    testsupport::sh(QStringLiteral("%1 -silent -locations none -I " LAYERSLIM_SOURCE_DIR "/app -I " LAYERSLIM_SOURCE_DIR
                                   "/core %2 -ts %3")
                        .arg(QStringLiteral(LAYERSLIM_LUPDATE), sources, fresh),
                    &code);
    QCOMPARE(code, 0);
    const auto found = readTs(fresh);
    std::set<std::pair<QString, QString>> shipped;
    for (const Message &m : readTs(tsPath("vi")))
        if (m.finished)
            shipped.insert({m.context, m.source});
    QStringList missing;
    for (const Message &m : found)
        if (!shipped.count({m.context, m.source}))
            missing.push_back(m.context + QStringLiteral(": ") + m.source);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not translated:\n") + missing.join(QLatin1Char('\n'))));
    if (found.empty())
        QSKIP("the GUI has no tr() strings in this build");
}

void TestTranslations::settingOverridesTheSystemLocale()
{
    QSettings settings;
    settings.setValue(QString::fromLatin1(LanguageLoader::kSettingsKey), QStringLiteral("vi"));
    QCOMPARE(LanguageLoader::requested(), QStringLiteral("vi"));
    QCOMPARE(LanguageLoader::install(*QCoreApplication::instance()), QStringLiteral("vi"));
    QCOMPARE(QCoreApplication::translate("MainActions", "&Edit"), QStringLiteral("&Sửa"));
    QCOMPARE(QLocale().language(), QLocale::Vietnamese);

    settings.setValue(QString::fromLatin1(LanguageLoader::kSettingsKey), QStringLiteral("vi_VN"));
    QCOMPARE(LanguageLoader::requested(), QStringLiteral("vi"));
    settings.setValue(QString::fromLatin1(LanguageLoader::kSettingsKey), QStringLiteral("xx"));
    QCOMPARE(LanguageLoader::requested(), QStringLiteral("xx"));
    // ctest runs this suite with LANGUAGE=vi and LC_ALL=vi_VN.UTF-8: the system asks for Vietnamese.
    settings.setValue(QString::fromLatin1(LanguageLoader::kSettingsKey), QStringLiteral("system"));
    QCOMPARE(LanguageLoader::requested(), QStringLiteral("vi"));
    settings.remove(QString::fromLatin1(LanguageLoader::kSettingsKey));
    QCOMPARE(LanguageLoader::requested(), QStringLiteral("vi"));
    settings.setValue(QString::fromLatin1(LanguageLoader::kSettingsKey), QStringLiteral("en"));
    QCOMPARE(LanguageLoader::requested(), QStringLiteral("en"));
    settings.remove(QString::fromLatin1(LanguageLoader::kSettingsKey));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
