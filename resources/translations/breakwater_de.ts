<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Some settings were not used</source>
        <translation>Einige Einstellungen wurden nicht übernommen</translation>
    </message>
    <message>
        <source>Welcome to Breakwater</source>
        <translation>Willkommen bei Breakwater</translation>
    </message>
    <message>
        <source>No API key is set up yet.</source>
        <translation>Es ist noch kein API-Schlüssel eingerichtet.</translation>
    </message>
    <message>
        <source>Try Breakwater on its built-in simulator — no key, no network — and watch it handle rate limits, overloads and stalled streams. Or enter your Anthropic API key; it is stored in your system keychain, never in a file.

%1</source>
        <translation>Probieren Sie Breakwater mit dem eingebauten Simulator aus – ohne Schlüssel, ohne Netzwerk – und sehen Sie zu, wie es mit Ratenlimits, Überlastung und hängenden Streams umgeht. Oder geben Sie Ihren Anthropic-API-Schlüssel ein; er wird im Schlüsselbund des Systems gespeichert, nie in einer Datei.

%1</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <source>Enter API key…</source>
        <translation>API-Schlüssel eingeben…</translation>
    </message>
</context>
<context>
    <name>bw</name>
    <message>
        <source>the field %1 is not an object</source>
        <translation>das Feld %1 ist kein Objekt</translation>
    </message>
    <message>
        <source>the field %1 is not a list</source>
        <translation>das Feld %1 ist keine Liste</translation>
    </message>
    <message>
        <source>%1[%2] is not a thinking block with its text and signature, nor redacted thinking with its data</source>
        <translation>%1[%2] ist weder ein Denkblock mit Text und Signatur noch geschwärztes Denken mit seinen Daten</translation>
    </message>
</context>
<context>
    <name>bw::AnswerJob</name>
    <message>
        <source>the conversation was closed</source>
        <translation>die Unterhaltung wurde geschlossen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>Stopped before the answer began.</source>
        <translation>Gestoppt, bevor die Antwort begann.</translation>
    </message>
    <message>
        <source>Stopped. What arrived is kept.</source>
        <translation>Gestoppt. Was angekommen ist, bleibt erhalten.</translation>
    </message>
    <message>
        <source>The model paused its turn; asking it to go on (%1 of %2).</source>
        <translation>Das Modell hat seinen Zug unterbrochen; es wird gebeten fortzufahren (%1 von %2).</translation>
    </message>
    <message>
        <source>the conversation could not be saved, so the prompt was not sent: %1</source>
        <translation>die Unterhaltung konnte nicht gespeichert werden, daher wurde die Eingabe nicht gesendet: %1</translation>
    </message>
    <message>
        <source>The context window is full: compressing older turns and asking again.</source>
        <translation>Das Kontextfenster ist voll: ältere Beiträge werden verdichtet, dann wird erneut gefragt.</translation>
    </message>
    <message>
        <source>%1 keeps failing (its circuit breaker is open); %2 answers instead.</source>
        <translation>%1 fällt immer wieder aus (sein Schutzschalter ist offen); stattdessen antwortet %2.</translation>
    </message>
    <message>
        <source>%1 is overloaded; %2 answers instead.</source>
        <translation>%1 ist überlastet; stattdessen antwortet %2.</translation>
    </message>
    <message>
        <source>%1 Not sent.</source>
        <translation>%1 Nicht gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>Sent without %n attached file(s) that could not be read: %1.</source>
        <translation>
            <numerusform>Ohne %n angehängte Datei gesendet, die nicht gelesen werden konnte: %1.</numerusform>
            <numerusform>Ohne %n angehängte Dateien gesendet, die nicht gelesen werden konnten: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (models tried: %2; %n attempts in all)</source>
        <translation>
            <numerusform>%1 (versuchte Modelle: %2; insgesamt %n Versuch)</numerusform>
            <numerusform>%1 (versuchte Modelle: %2; insgesamt %n Versuche)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::AnthropicClient</name>
    <message>
        <source>&apos;%1&apos; is not a valid base URL (expected e.g. https://api.anthropic.com)</source>
        <translation>„%1“ ist keine gültige Basis-URL (erwartet z. B. https://api.anthropic.com)</translation>
    </message>
    <message>
        <source>the base URL must start with https:// (got &apos;%1&apos;)</source>
        <translation>die Basis-URL muss mit https:// beginnen (erhalten: „%1“)</translation>
    </message>
    <message>
        <source>refusing to send the API key over plain http:// to %1; use https://, or allow insecure connections explicitly</source>
        <translation>der API-Schlüssel wird nicht über unverschlüsseltes http:// an %1 gesendet; verwenden Sie https:// oder erlauben Sie unsichere Verbindungen ausdrücklich</translation>
    </message>
    <message>
        <source>the base URL must not carry a query or fragment</source>
        <translation>die Basis-URL darf keine Abfrage und kein Fragment enthalten</translation>
    </message>
    <message>
        <source>no API key is set</source>
        <translation>es ist kein API-Schlüssel gesetzt</translation>
    </message>
    <message>
        <source>the batch results are on another host (%1); not sending the API key there</source>
        <translation>die Stapelergebnisse liegen auf einem anderen Host (%1); der API-Schlüssel wird nicht dorthin gesendet</translation>
    </message>
</context>
<context>
    <name>bw::ApiCall</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>the server closed the connection without an HTTP answer</source>
        <translation>der Server hat die Verbindung ohne HTTP-Antwort geschlossen</translation>
    </message>
    <message>
        <source>no data arrived for too long; the transfer was stopped</source>
        <translation>zu lange kamen keine Daten; die Übertragung wurde beendet</translation>
    </message>
    <message>
        <source>refused to follow a redirect to %1, because it would send your API key to another host</source>
        <translation>einer Umleitung nach %1 wurde nicht gefolgt, weil Ihr API-Schlüssel sonst an einen anderen Host ginge</translation>
    </message>
    <message>
        <source>stopped after %1 redirects: the server may be redirecting in a loop</source>
        <translation>nach %1 Umleitungen abgebrochen: der Server leitet möglicherweise im Kreis um</translation>
    </message>
    <message>
        <source>[your API key]</source>
        <translation>[Ihr API-Schlüssel]</translation>
    </message>
    <message>
        <source>the server answered HTTP %1, a redirect, without a valid Location header saying where to</source>
        <translation>der Server antwortete mit HTTP %1, einer Umleitung, aber ohne gültigen Location-Header, der sagt, wohin</translation>
    </message>
    <message>
        <source>the server sent an informational answer (HTTP %1) before its real one, which the HTTP layer cannot read past, so the answer was lost; a proxy that sends Early Hints must not send them to API clients</source>
        <translation>der Server schickte vor seiner eigentlichen Antwort eine Zwischenantwort (HTTP %1), über die die HTTP-Schicht nicht hinweglesen kann, daher ging die Antwort verloren; ein Proxy, der Early Hints sendet, darf sie nicht an API-Clients senden</translation>
    </message>
    <message>
        <source>the server closed the connection without an answer while the request (%1 MB) was being sent: a server or proxy refuses requests this large</source>
        <translation>der Server schloss die Verbindung ohne Antwort, während die Anfrage (%1 MB) gesendet wurde: ein Server oder Proxy lehnt so große Anfragen ab</translation>
    </message>
    <message>
        <source>refused to follow a redirect to a %1: address; the API is only reached over https (or http)</source>
        <translation>einer Umleitung zu einer %1:-Adresse wird nicht gefolgt; die API ist nur über https (oder http) erreichbar</translation>
    </message>
</context>
<context>
    <name>bw::ApiError</name>
    <message>
        <source>The server gave no time to wait: this may be a spend or usage limit. Check your plan and limits in the Anthropic Console.</source>
        <translation>Der Server nannte keine Wartezeit: Das kann ein Ausgaben- oder Nutzungslimit sein. Prüfen Sie Ihren Tarif und Ihre Limits in der Anthropic Console.</translation>
    </message>
    <message>
        <source>You are sending faster than your rate limit allows. Wait a little, send fewer requests at once, or raise the limit.</source>
        <translation>Sie senden schneller, als Ihr Ratenlimit erlaubt. Warten Sie kurz, senden Sie weniger Anfragen gleichzeitig oder erhöhen Sie das Limit.</translation>
    </message>
    <message>
        <source>The API is overloaded right now. Try again in a minute.</source>
        <translation>Die API ist gerade überlastet. Versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message>
        <source>The API or a proxy in between had an internal error. Try again shortly.</source>
        <translation>Die API oder ein Proxy dazwischen hatte einen internen Fehler. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The API key was not accepted. Set a valid key (breakwater-cli key set, or the ANTHROPIC_API_KEY environment variable).</source>
        <translation>Der API-Schlüssel wurde nicht angenommen. Setzen Sie einen gültigen Schlüssel (breakwater-cli key set oder die Umgebungsvariable ANTHROPIC_API_KEY).</translation>
    </message>
    <message>
        <source>This key may not do this (permissions or billing). Check the Anthropic Console.</source>
        <translation>Dieser Schlüssel darf das nicht (Berechtigungen oder Abrechnung). Prüfen Sie die Anthropic Console.</translation>
    </message>
    <message>
        <source>The request was rejected as invalid. Check the model, max tokens, API version and the conversation.</source>
        <translation>Die Anfrage wurde als ungültig abgelehnt. Prüfen Sie Modell, maximale Tokens, API-Version und die Unterhaltung.</translation>
    </message>
    <message>
        <source>Check the model id and the base URL.</source>
        <translation>Prüfen Sie die Modell-ID und die Basis-URL.</translation>
    </message>
    <message>
        <source>The request is too large. Shorten the conversation or turn on compression.</source>
        <translation>Die Anfrage ist zu groß. Kürzen Sie die Unterhaltung oder schalten Sie die Komprimierung ein.</translation>
    </message>
    <message>
        <source>No answer arrived in time. Check your connection, or raise the timeout.</source>
        <translation>Es kam keine rechtzeitige Antwort. Prüfen Sie Ihre Verbindung oder erhöhen Sie das Zeitlimit.</translation>
    </message>
    <message>
        <source>The answer stopped arriving. What arrived is kept; retry or continue.</source>
        <translation>Die Antwort kam nicht mehr an. Was angekommen ist, bleibt erhalten; wiederholen oder fortsetzen.</translation>
    </message>
    <message>
        <source>Check your network connection and the base URL.</source>
        <translation>Prüfen Sie Ihre Netzwerkverbindung und die Basis-URL.</translation>
    </message>
    <message>
        <source>The connection closed before the answer was finished. What arrived is kept; retry or continue.</source>
        <translation>Die Verbindung wurde geschlossen, bevor die Antwort fertig war. Was angekommen ist, bleibt erhalten; wiederholen oder fortsetzen.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not a valid Messages API response. If you use a proxy or gateway, check it.</source>
        <translation>Die Antwort des Servers war keine gültige Messages-API-Antwort. Falls Sie einen Proxy oder ein Gateway verwenden, prüfen Sie es.</translation>
    </message>
    <message>
        <source>Breakwater paused requests to this service after repeated failures; it tries again by itself shortly. You can also reset the breaker.</source>
        <translation>Breakwater hat Anfragen an diesen Dienst nach wiederholten Fehlern pausiert; es versucht es in Kürze selbst erneut. Sie können den Schutzschalter auch zurücksetzen.</translation>
    </message>
    <message>
        <source>Stopped at your request.</source>
        <translation>Auf Ihren Wunsch gestoppt.</translation>
    </message>
    <message>
        <source>HTTP %1 with an empty body</source>
        <translation>HTTP %1 mit leerem Inhalt</translation>
    </message>
    <message>
        <source>HTTP %1 from something that is not the API (%2)</source>
        <translation>HTTP %1 von etwas, das nicht die API ist (%2)</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>the server reported an error</source>
        <translation>der Server meldete einen Fehler</translation>
    </message>
    <message>
        <source>could not connect to %1: connection refused</source>
        <translation>keine Verbindung zu %1: Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>the host %1 was not found</source>
        <translation>der Host %1 wurde nicht gefunden</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>the connection to %1 timed out</source>
        <translation>die Verbindung zu %1 hat das Zeitlimit überschritten</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>the secure connection to %1 failed: %2</source>
        <translation>die sichere Verbindung zu %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 answered with something that is not valid HTTP: %2</source>
        <translation>%1 antwortete mit etwas, das kein gültiges HTTP ist: %2</translation>
    </message>
    <message>
        <source>network error talking to %1: %2</source>
        <translation>Netzwerkfehler bei der Verbindung mit %1: %2</translation>
    </message>
    <message>
        <source>Nothing was sent. Check that the conversation&apos;s file can be written (free space, permissions, not a link), then try again.</source>
        <translation>Es wurde nichts gesendet. Prüfen Sie, ob die Datei der Unterhaltung geschrieben werden kann (freier Speicherplatz, Berechtigungen, keine Verknüpfung), und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>the workspace has reached its spend limit at Anthropic: %1</source>
        <translation>der Workspace hat sein Ausgabenlimit bei Anthropic erreicht: %1</translation>
    </message>
    <message>
        <source>no details given</source>
        <translation>ohne nähere Angaben</translation>
    </message>
    <message>
        <source>Requests fail until the workspace&apos;s spend limit is raised or its period resets, or until credits are bought (Limits, and Plans &amp; Billing, in the Anthropic Console), so Breakwater does not retry.</source>
        <translation>Anfragen schlagen fehl, bis das Ausgabenlimit des Workspace erhöht wird oder sein Zeitraum neu beginnt oder bis Guthaben gekauft wird (Limits sowie Plans &amp; Billing in der Anthropic Console); daher wiederholt Breakwater sie nicht.</translation>
    </message>
    <message>
        <source>Nothing was sent; the prompt is kept. Budgets are set per profile in Settings (Spending).</source>
        <translation>Es wurde nichts gesendet; die Eingabe bleibt erhalten. Budgets werden pro Profil in den Einstellungen (Ausgaben) festgelegt.</translation>
    </message>
    <message>
        <source>the workspace&apos;s credit balance at Anthropic is too low: %1</source>
        <translation>das Guthaben des Workspace bei Anthropic ist zu niedrig: %1</translation>
    </message>
</context>
<context>
    <name>bw::ApiKeySource</name>
    <message>
        <source>from environment (ANTHROPIC_API_KEY)</source>
        <translation>aus der Umgebung (ANTHROPIC_API_KEY)</translation>
    </message>
    <message>
        <source>from the keychain</source>
        <translation>aus dem Schlüsselbund</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
</context>
<context>
    <name>bw::ApiKeyStore</name>
    <message>
        <source>No API key is stored for profile &apos;%1&apos;. Store one with `breakwater-cli key set --profile %1` or in Settings.</source>
        <translation>Für das Profil „%1“ ist kein API-Schlüssel gespeichert. Speichern Sie einen mit `breakwater-cli key set --profile %1` oder in den Einstellungen.</translation>
    </message>
    <message>
        <source>The keychain failed: %1. If your keyring is locked, unlock it and try again.</source>
        <translation>Der Schlüsselbund meldet einen Fehler: %1. Ist er gesperrt, entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>No keychain service is running: install and unlock GNOME Keyring or KWallet (or use the ANTHROPIC_API_KEY environment variable). Breakwater never stores the key in a plain file. (%1)</source>
        <translation>Es läuft kein Schlüsselbunddienst: Installieren und entsperren Sie GNOME Keyring oder KWallet (oder verwenden Sie die Umgebungsvariable ANTHROPIC_API_KEY). Breakwater speichert den Schlüssel nie in einer einfachen Datei. (%1)</translation>
    </message>
    <message>
        <source>The keychain refused access: unlock it (your login keyring) and allow Breakwater to use it, then try again. (%1)</source>
        <translation>Der Schlüsselbund verweigert den Zugriff: Entsperren Sie ihn (Ihren Anmelde-Schlüsselbund), erlauben Sie Breakwater den Zugriff und versuchen Sie es erneut. (%1)</translation>
    </message>
    <message>
        <source>The keychain could not delete the key for profile &apos;%1&apos;: %2</source>
        <translation>Der Schlüsselbund konnte den Schlüssel für das Profil „%1“ nicht löschen: %2</translation>
    </message>
    <message>
        <source>The keychain entry for profile &apos;%1&apos; is empty.</source>
        <translation>Der Schlüsselbundeintrag für das Profil „%1“ ist leer.</translation>
    </message>
</context>
<context>
    <name>bw::Application</name>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Key not stored</source>
        <translation>Schlüssel nicht gespeichert</translation>
    </message>
    <message>
        <source>The API key is stored in the keychain.</source>
        <translation>Der API-Schlüssel ist im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>The API key was removed from the keychain.</source>
        <translation>Der API-Schlüssel wurde aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Cannot open the conversation</source>
        <translation>Die Unterhaltung kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2.

The file is left as it is.</source>
        <translation>%1 kann nicht geöffnet werden: %2.

Die Datei bleibt unverändert.</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>Nicht importiert</translation>
    </message>
    <message>
        <source>%1 could not be imported: %2</source>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Saved to %1; changes are saved there from now on.</source>
        <translation>In %1 gespeichert; Änderungen werden ab jetzt dort gespeichert.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>The conversation could not be saved: %1</source>
        <translation>Die Unterhaltung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Nach %1 exportiert</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Nicht exportiert</translation>
    </message>
    <message>
        <source>Not renamed: %1</source>
        <translation>Nicht umbenannt: %1</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Nicht gelöscht</translation>
    </message>
    <message>
        <source>This conversation was saved by an older Breakwater: it will be saved in today&apos;s format, and the original is kept as %1.</source>
        <translation>Diese Unterhaltung wurde von einem älteren Breakwater gespeichert: Sie wird im heutigen Format gespeichert, und das Original bleibt als %1 erhalten.</translation>
    </message>
    <message>
        <source>%1 (fork)</source>
        <translation>%1 (Abzweig)</translation>
    </message>
    <message>
        <source>Usage exported to %1</source>
        <translation>Nutzung nach %1 exportiert</translation>
    </message>
    <message>
        <source>Usage not exported</source>
        <translation>Nutzung nicht exportiert</translation>
    </message>
    <message numerus="yes">
        <source>%n attached file(s) of this conversation are missing from Breakwater&apos;s data folder (%1). The conversation is complete otherwise; the files cannot be shown or sent again.</source>
        <translation>
            <numerusform>%n angehängte Datei dieser Unterhaltung fehlt im Datenordner von Breakwater (%1). Sonst ist die Unterhaltung vollständig; die Datei kann nicht mehr angezeigt oder gesendet werden.</numerusform>
            <numerusform>%n angehängte Dateien dieser Unterhaltung fehlen im Datenordner von Breakwater (%1). Sonst ist die Unterhaltung vollständig; die Dateien können nicht mehr angezeigt oder gesendet werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported without some attachments</source>
        <translation>Ohne einige Anhänge exportiert</translation>
    </message>
    <message>
        <source>Exported to %1, but these attachments could not be copied beside it:
%2</source>
        <translation>Nach %1 exportiert, aber diese Anhänge konnten nicht daneben kopiert werden:
%2</translation>
    </message>
</context>
<context>
    <name>bw::AttachmentPreparer</name>
    <message>
        <source>“%1” cannot be attached: %2</source>
        <translation>„%1“ kann nicht angehängt werden: %2</translation>
    </message>
    <message>
        <source>The clipboard holds no image that can be read.</source>
        <translation>Die Zwischenablage enthält kein lesbares Bild.</translation>
    </message>
    <message>
        <source>“%1” is empty: there is nothing to attach.</source>
        <translation>„%1“ ist leer: Es gibt nichts anzuhängen.</translation>
    </message>
    <message>
        <source>“%1” is not a kind of file Claude reads here: PNG, JPEG, GIF, WebP, PDF or plain text (UTF-8).</source>
        <translation>„%1“ ist keine Dateiart, die Claude hier liest: PNG, JPEG, GIF, WebP, PDF oder reiner Text (UTF-8).</translation>
    </message>
    <message>
        <source>%1 does not read images: “%2” cannot be sent to it.</source>
        <translation>%1 liest keine Bilder: „%2“ kann nicht an dieses Modell gesendet werden.</translation>
    </message>
    <message>
        <source>“%1” is %2 MB; a request to the API holds at most %3 MB, and a file grows by a third on the way, so %4 MB is the most one file can be.</source>
        <translation>„%1“ ist %2 MB groß; eine Anfrage an die API fasst höchstens %3 MB, und eine Datei wächst unterwegs um ein Drittel, daher darf eine Datei höchstens %4 MB groß sein.</translation>
    </message>
    <message>
        <source>%1 does not read PDFs: “%2” cannot be sent to it.</source>
        <translation>%1 liest keine PDFs: „%2“ kann nicht an dieses Modell gesendet werden.</translation>
    </message>
    <message>
        <source>“%1” is protected with a password or encrypted; the API reads only standard PDFs.</source>
        <translation>„%1“ ist mit einem Passwort geschützt oder verschlüsselt; die API liest nur gewöhnliche PDFs.</translation>
    </message>
    <message>
        <source>“%1” has %2 pages; the API reads at most %3 pages in one request.</source>
        <translation>„%1“ hat %2 Seiten; die API liest höchstens %3 Seiten in einer Anfrage.</translation>
    </message>
    <message>
        <source>“%1” looks like an image (%2) but cannot be read.</source>
        <translation>„%1“ sieht wie ein Bild aus (%2), lässt sich aber nicht lesen.</translation>
    </message>
    <message>
        <source>“%1” (%2 × %3 px, %4 MB) is larger than the API takes (%5 px on a side, %6 MB): send it scaled down.</source>
        <translation>„%1“ (%2 × %3 px, %4 MB) ist größer, als die API annimmt (%5 px je Seite, %6 MB): Senden Sie es verkleinert.</translation>
    </message>
    <message>
        <source>“%1” could not be made small enough for the API.</source>
        <translation>„%1“ konnte nicht klein genug für die API gemacht werden.</translation>
    </message>
    <message>
        <source>“%1” is %2 MB of text that takes %3 MB in a request (its control characters, quotes and backslashes are written as escapes); a request to the API holds at most %4 MB.</source>
        <translation>„%1“ ist %2 MB Text, der in einer Anfrage %3 MB einnimmt (Steuerzeichen, Anführungszeichen und Backslashes werden maskiert geschrieben); eine Anfrage an die API fasst höchstens %4 MB.</translation>
    </message>
    <message>
        <source>“%1” is damaged or incomplete: it does not end as a PDF does (no cross-reference and end-of-file marker at its end).</source>
        <translation>„%1“ ist beschädigt oder unvollständig: Sie endet nicht, wie ein PDF endet (kein Querverweis und keine Dateiende-Markierung an ihrem Ende).</translation>
    </message>
    <message>
        <source>“%1” (%2 × %3 px) is too large to decode; the API takes at most %4 px on a side.</source>
        <translation>„%1“ (%2 × %3 px) ist zu groß zum Dekodieren; die API nimmt höchstens %4 px pro Seite.</translation>
    </message>
    <message>
        <source>“%1” cannot be read as an image (it may be damaged): %2</source>
        <translation>„%1“ kann nicht als Bild gelesen werden (möglicherweise beschädigt): %2</translation>
    </message>
    <message>
        <source>“%1” is damaged or incomplete: the image ends before its data does.</source>
        <translation>„%1“ ist beschädigt oder unvollständig: Das Bild endet vor seinen Daten.</translation>
    </message>
</context>
<context>
    <name>bw::AttachmentStore</name>
    <message>
        <source>“%1” could not be kept: %2</source>
        <translation>„%1“ konnte nicht aufbewahrt werden: %2</translation>
    </message>
    <message>
        <source>“%1” is empty</source>
        <translation>„%1“ ist leer</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>the stored copy of “%1” is missing (%2)</source>
        <translation>die aufbewahrte Kopie von „%1“ fehlt (%2)</translation>
    </message>
    <message>
        <source>the stored copy of “%1” cannot be read: %2</source>
        <translation>die aufbewahrte Kopie von „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the stored copy of “%1” is damaged: its contents changed (%2)</source>
        <translation>die aufbewahrte Kopie von „%1“ ist beschädigt: ihr Inhalt hat sich verändert (%2)</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>bw::BatchQueue</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>not sent: an earlier prompt was refused (%1)</source>
        <translation>nicht gesendet: eine frühere Anfrage wurde abgelehnt (%1)</translation>
    </message>
    <message>
        <source>%1 Not sent.</source>
        <translation>%1 Nicht gesendet.</translation>
    </message>
</context>
<context>
    <name>bw::BudgetVerdict</name>
    <message>
        <source>%1 of today&apos;s budget of %2 is spent; %3 left.</source>
        <translation>%1 des heutigen Budgets von %2 ausgegeben; %3 übrig.</translation>
    </message>
    <message>
        <source>%1 of this month&apos;s budget of %2 is spent; %3 left.</source>
        <translation>%1 des Monatsbudgets von %2 ausgegeben; %3 übrig.</translation>
    </message>
    <message>
        <source>%1 of this conversation&apos;s budget of %2 is spent; %3 left.</source>
        <translation>%1 des Budgets dieser Unterhaltung von %2 ausgegeben; %3 übrig.</translation>
    </message>
    <message>
        <source>%1 of this run&apos;s budget of %2 is spent; %3 left.</source>
        <translation>%1 des Budgets dieses Laufs von %2 ausgegeben; %3 übrig.</translation>
    </message>
    <message>
        <source>The daily budget of %1 is reached: %2 spent today. Wait until tomorrow, raise it, or send this one anyway (breakwater-cli: --ignore-budget).</source>
        <translation>Das Tagesbudget von %1 ist erreicht: heute %2 ausgegeben. Warten Sie bis morgen, erhöhen Sie es oder senden Sie diese Anfrage trotzdem (breakwater-cli: --ignore-budget).</translation>
    </message>
    <message>
        <source>The monthly budget of %1 is reached: %2 spent this month. Wait until next month, raise it, or send this one anyway (breakwater-cli: --ignore-budget).</source>
        <translation>Das Monatsbudget von %1 ist erreicht: diesen Monat %2 ausgegeben. Warten Sie bis zum nächsten Monat, erhöhen Sie es oder senden Sie diese Anfrage trotzdem (breakwater-cli: --ignore-budget).</translation>
    </message>
    <message>
        <source>This conversation&apos;s budget of %1 is reached: %2 spent in it. It does not reset: raise it, start a new conversation, or send this one anyway (breakwater-cli: --ignore-budget).</source>
        <translation>Das Budget dieser Unterhaltung von %1 ist erreicht: %2 darin ausgegeben. Es beginnt nicht neu: Erhöhen Sie es, beginnen Sie eine neue Unterhaltung oder senden Sie diese Anfrage trotzdem (breakwater-cli: --ignore-budget).</translation>
    </message>
    <message>
        <source>The budget of this run (%1) is reached: %2 spent. Run again with a larger --budget-usd (--ignore-budget does not lift it).</source>
        <translation>Das Budget dieses Laufs (%1) ist erreicht: %2 ausgegeben. Starten Sie erneut mit einem größeren --budget-usd (--ignore-budget hebt es nicht auf).</translation>
    </message>
    <message>
        <source>Your budgets cannot be checked, because the usage ledger cannot be read: %1. Repair or move it, or send this one anyway (breakwater-cli: --ignore-budget).</source>
        <translation>Ihre Budgets können nicht geprüft werden, weil das Nutzungsprotokoll nicht gelesen werden kann: %1. Reparieren oder verschieben Sie es, oder senden Sie diese Anfrage trotzdem (breakwater-cli: --ignore-budget).</translation>
    </message>
</context>
<context>
    <name>bw::ChatMessage</name>
    <message numerus="yes">
        <source>Cut off at %n tokens: the answer reached its max tokens limit.</source>
        <translation>
            <numerusform>Bei %n Token abgeschnitten: die Antwort hat ihr Limit an Max. Tokens erreicht.</numerusform>
            <numerusform>Bei %n Tokens abgeschnitten: die Antwort hat ihr Limit an Max. Tokens erreicht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Claude declined to answer this.</source>
        <translation>Claude hat es abgelehnt, darauf zu antworten.</translation>
    </message>
    <message>
        <source>Category: %1.</source>
        <translation>Kategorie: %1.</translation>
    </message>
    <message>
        <source>The answer stopped for a reason Breakwater does not know: &apos;%1&apos;.</source>
        <translation>Die Antwort endete aus einem Grund, den Breakwater nicht kennt: „%1“.</translation>
    </message>
    <message>
        <source>The conversation filled the model&apos;s context window and the answer stopped there. Compress the older turns (Compress now in the Summary panel, or turn compression on in the settings) and regenerate, or start a new conversation.</source>
        <translation>Die Unterhaltung hat das Kontextfenster des Modells gefüllt, und die Antwort endete dort. Verdichten Sie die älteren Beiträge („Jetzt komprimieren“ im Zusammenfassungs-Bereich, oder schalten Sie die Verdichtung in den Einstellungen ein) und erzeugen Sie die Antwort neu, oder beginnen Sie eine neue Unterhaltung.</translation>
    </message>
    <message>
        <source>The model paused its turn and did not go on after being asked again three times. Regenerate to ask again.</source>
        <translation>Das Modell hat seinen Zug unterbrochen und auch nach drei Nachfragen nicht fortgesetzt. Erzeugen Sie die Antwort neu, um erneut zu fragen.</translation>
    </message>
</context>
<context>
    <name>bw::ChatSession</name>
    <message>
        <source>There is nothing to send.</source>
        <translation>Es gibt nichts zu senden.</translation>
    </message>
    <message>
        <source>Wait for the current answer, or stop it first.</source>
        <translation>Warten Sie auf die laufende Antwort oder stoppen Sie sie zuerst.</translation>
    </message>
    <message>
        <source>Wait until the conversation is compressed.</source>
        <translation>Warten Sie, bis die Unterhaltung komprimiert ist.</translation>
    </message>
    <message>
        <source>Only an answer can be regenerated.</source>
        <translation>Nur eine Antwort kann neu erzeugt werden.</translation>
    </message>
    <message>
        <source>Only your own messages can be edited.</source>
        <translation>Nur Ihre eigenen Nachrichten können bearbeitet werden.</translation>
    </message>
    <message>
        <source>Please continue exactly where you stopped.</source>
        <translation>Bitte mach genau dort weiter, wo du aufgehört hast.</translation>
    </message>
    <message>
        <source>there is no such answer</source>
        <translation>diese Antwort gibt es nicht</translation>
    </message>
    <message>
        <source>the answer already had the model&apos;s largest limit (%1 tokens)</source>
        <translation>die Antwort hatte bereits das höchste Limit des Modells (%1 Tokens)</translation>
    </message>
    <message>
        <source>%1 Not sent.</source>
        <translation>%1 Nicht gesendet.</translation>
    </message>
</context>
<context>
    <name>bw::CircuitBreaker</name>
    <message>
        <source>requests are paused while one test request checks whether the service has recovered</source>
        <translation>Anfragen sind pausiert, während eine Testanfrage prüft, ob sich der Dienst erholt hat</translation>
    </message>
    <message>
        <source>requests are paused after %1 failures in a row; the next try is in %2 s</source>
        <translation>Anfragen sind nach %1 Fehlern in Folge pausiert; der nächste Versuch folgt in %2 s</translation>
    </message>
</context>
<context>
    <name>bw::Citation</name>
    <message>
        <source>document %1</source>
        <translation>Dokument %1</translation>
    </message>
    <message>
        <source>pp. %1–%2</source>
        <translation>S. %1–%2</translation>
    </message>
    <message>
        <source>p. %1</source>
        <translation>S. %1</translation>
    </message>
</context>
<context>
    <name>bw::CitationMarkers</name>
    <message numerus="yes">
        <source>(%n more source(s) cited, not listed)</source>
        <translation>
            <numerusform>(%n weitere zitierte Quelle, nicht aufgeführt)</numerusform>
            <numerusform>(%n weitere zitierte Quellen, nicht aufgeführt)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::ContextCompressor</name>
    <message numerus="yes">
        <source>There is nothing to compress yet: only the %n most recent message(s) are kept word for word.</source>
        <translation>
            <numerusform>Es gibt noch nichts zu komprimieren: Nur die letzte Nachricht wird wörtlich behalten.</numerusform>
            <numerusform>Es gibt noch nichts zu komprimieren: Nur die %n letzten Nachrichten werden wörtlich behalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>The summary came back empty; the whole conversation is sent instead.</source>
        <translation>Die Zusammenfassung kam leer zurück; stattdessen wird die ganze Unterhaltung gesendet.</translation>
    </message>
    <message>
        <source>Compression was stopped.</source>
        <translation>Die Komprimierung wurde gestoppt.</translation>
    </message>
    <message>
        <source>The conversation could not be compressed: %1.</source>
        <translation>Die Unterhaltung konnte nicht komprimiert werden: %1.</translation>
    </message>
    <message>
        <source>The conversation could not be compressed (%1); the whole conversation is sent instead.</source>
        <translation>Die Unterhaltung konnte nicht komprimiert werden (%1); stattdessen wird die ganze Unterhaltung gesendet.</translation>
    </message>
    <message>
        <source>The conversation (about %1 tokens) is too long for the model, and compressing it failed: %2. Try again in a moment, or start a new conversation.</source>
        <translation>Die Unterhaltung (etwa %1 Tokens) ist zu lang für das Modell, und die Komprimierung ist fehlgeschlagen: %2. Versuchen Sie es gleich noch einmal oder beginnen Sie eine neue Unterhaltung.</translation>
    </message>
    <message>
        <source>The conversation was closed before it was compressed.</source>
        <translation>Die Unterhaltung wurde geschlossen, bevor sie komprimiert wurde.</translation>
    </message>
    <message>
        <source>Not compressed: %1</source>
        <translation>Nicht komprimiert: %1</translation>
    </message>
</context>
<context>
    <name>bw::Conversation</name>
    <message>
        <source>New conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
</context>
<context>
    <name>bw::ConversationFile</name>
    <message>
        <source>message %1 has no valid role and text</source>
        <translation>Nachricht %1 hat keine gültige Rolle und keinen Text</translation>
    </message>
    <message>
        <source>it is not a Breakwater conversation</source>
        <translation>es ist keine Breakwater-Unterhaltung</translation>
    </message>
    <message>
        <source>it was written by a newer Breakwater (file format %1; this version reads up to %2)</source>
        <translation>sie wurde von einem neueren Breakwater geschrieben (Dateiformat %1; diese Version liest bis %2)</translation>
    </message>
    <message>
        <source>its version or message list is missing</source>
        <translation>Version oder Nachrichtenliste fehlen</translation>
    </message>
    <message>
        <source>it is not valid JSON (%1 at byte %2)</source>
        <translation>es ist kein gültiges JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message numerus="yes">
        <source>_Exported from Breakwater · %n message(s)_</source>
        <translation>
            <numerusform>_Aus Breakwater exportiert · %n Nachricht_</numerusform>
            <numerusform>_Aus Breakwater exportiert · %n Nachrichten_</numerusform>
        </translation>
    </message>
    <message>
        <source>**System prompt:** </source>
        <translation>**Systemprompt:** </translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Claude</source>
        <translation>Claude</translation>
    </message>
    <message>
        <source> · %1 in / %2 out tokens</source>
        <translation> · %1 Tokens ein / %2 aus</translation>
    </message>
    <message>
        <source>No answer: </source>
        <translation>Keine Antwort: </translation>
    </message>
    <message>
        <source>Interrupted: </source>
        <translation>Unterbrochen: </translation>
    </message>
    <message>
        <source>Breakwater stopped before this answer finished. What arrived is kept; retry to ask again.</source>
        <translation>Breakwater wurde beendet, bevor diese Antwort fertig war. Was angekommen ist, bleibt erhalten; wiederholen Sie, um erneut zu fragen.</translation>
    </message>
    <message numerus="yes">
        <source>&gt; **Summary of the first %n message(s)** (%1): </source>
        <translation>
            <numerusform>&gt; **Zusammenfassung der ersten Nachricht** (%1): </numerusform>
            <numerusform>&gt; **Zusammenfassung der ersten %n Nachrichten** (%1): </numerusform>
        </translation>
    </message>
    <message>
        <source>Branch at message %1 (version %2 of %3)</source>
        <translation>Abzweig bei Nachricht %1 (Version %2 von %3)</translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which this version does not know</source>
        <translation>das Feld %1 ist „%2“, was diese Version nicht kennt</translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which names no message of this conversation</source>
        <translation>das Feld %1 ist „%2“ und nennt keine Nachricht dieser Unterhaltung</translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which makes a cycle: its parents lead back to this message</source>
        <translation>das Feld %1 ist „%2“ und ergibt einen Kreis: seine Vorgänger führen zu dieser Nachricht zurück</translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which is not a message that follows this one</source>
        <translation>das Feld %1 ist „%2“, was keine Nachricht ist, die auf diese folgt</translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which is not a first message of this conversation</source>
        <translation>das Feld %1 ist „%2“, was keine erste Nachricht dieser Unterhaltung ist</translation>
    </message>
    <message>
        <source>the field thinking is not an object</source>
        <translation>das Feld thinking ist kein Objekt</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>(instead of %1, which was overloaded)</source>
        <translation>(anstelle von %1, das überlastet war)</translation>
    </message>
    <message>
        <source>the field %1 is not a list</source>
        <translation>das Feld %1 ist keine Liste</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 ist kein Objekt</translation>
    </message>
    <message>
        <source>the field %1 is not a SHA-256 in hex</source>
        <translation>das Feld %1 ist kein SHA-256-Wert in Hexadezimalschrift</translation>
    </message>
    <message>
        <source>the field %1 is not an object</source>
        <translation>das Feld %1 ist kein Objekt</translation>
    </message>
    <message>
        <source>%1 (not exported)</source>
        <translation>%1 (nicht exportiert)</translation>
    </message>
</context>
<context>
    <name>bw::ConversationStore</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 was not deleted because it cannot be read (%2)</source>
        <translation>%1 wurde nicht gelöscht, weil es nicht lesbar ist (%2)</translation>
    </message>
    <message>
        <source>cannot delete %1</source>
        <translation>%1 kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>%1 is being saved by another program (%2, process %3); try again</source>
        <translation>%1 wird gerade von einem anderen Programm gespeichert (%2, Prozess %3); versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>cannot write %1: cannot create the lock file %2</source>
        <translation>%1 kann nicht geschrieben werden: die Sperrdatei %2 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1 was not saved over because the file there cannot be read (%2)</source>
        <translation>%1 wurde nicht überschrieben, weil die Datei dort nicht gelesen werden kann (%2)</translation>
    </message>
    <message>
        <source>%1 was not saved over because a copy of its older format could not be made at %2</source>
        <translation>%1 wurde nicht überschrieben, weil keine Kopie im älteren Format unter %2 angelegt werden konnte</translation>
    </message>
    <message>
        <source>the disk took no more</source>
        <translation>der Datenträger nahm nichts mehr auf</translation>
    </message>
</context>
<context>
    <name>bw::EngineSettings</name>
    <message>
        <source>no model is set</source>
        <translation>es ist kein Modell gesetzt</translation>
    </message>
    <message>
        <source>the profile name must be non-empty and must not contain &apos;/&apos;</source>
        <translation>der Profilname darf nicht leer sein und kein „/“ enthalten</translation>
    </message>
    <message>
        <source>max attempts must be between 1 and 100 (got %1)</source>
        <translation>die Anzahl der Versuche muss zwischen 1 und 100 liegen (erhalten: %1)</translation>
    </message>
    <message>
        <source>retry delays must not be negative</source>
        <translation>Wartezeiten zwischen Versuchen dürfen nicht negativ sein</translation>
    </message>
    <message>
        <source>the maximum retry delay (%1 ms) is below the base delay (%2 ms)</source>
        <translation>die längste Wartezeit (%1 ms) ist kürzer als die erste (%2 ms)</translation>
    </message>
    <message>
        <source>timeouts must not be negative (0 turns one off)</source>
        <translation>Zeitlimits dürfen nicht negativ sein (0 schaltet eines ab)</translation>
    </message>
    <message>
        <source>the breaker threshold must be at least 1 (got %1)</source>
        <translation>die Auslöseschwelle des Schutzschalters muss mindestens 1 sein (erhalten: %1)</translation>
    </message>
    <message>
        <source>the breaker recovery time must not be negative</source>
        <translation>die Erholungszeit des Schutzschalters darf nicht negativ sein</translation>
    </message>
    <message>
        <source>the compression threshold must not be negative (0 turns compression off)</source>
        <translation>die Komprimierungsschwelle darf nicht negativ sein (0 schaltet die Komprimierung ab)</translation>
    </message>
    <message>
        <source>compressing below 1,000 tokens would summarise almost every message (got %1)</source>
        <translation>unter 1.000 Tokens zu komprimieren würde fast jede Nachricht zusammenfassen (erhalten: %1)</translation>
    </message>
    <message>
        <source>keep at least the 2 most recent messages word for word (got %1)</source>
        <translation>behalten Sie mindestens die 2 letzten Nachrichten wörtlich (erhalten: %1)</translation>
    </message>
    <message>
        <source>no summary model is set</source>
        <translation>es ist kein Modell für Zusammenfassungen gesetzt</translation>
    </message>
    <message>
        <source>the breaker needs at least one successful probe to close</source>
        <translation>der Schutzschalter braucht mindestens eine erfolgreiche Testanfrage, um zu schließen</translation>
    </message>
    <message>
        <source>the API version is empty (use e.g. %1)</source>
        <translation>die API-Version ist leer (z. B. %1)</translation>
    </message>
    <message>
        <source>max tokens must be between 1 and 1000000, or 0 for the model&apos;s largest (got %1)</source>
        <translation>Max. Tokens muss zwischen 1 und 1000000 liegen, oder 0 für das Höchste des Modells (erhalten: %1)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a model id (a fallback model)</source>
        <translation>„%1“ ist keine Modell-ID (ein Ersatzmodell)</translation>
    </message>
    <message>
        <source>at most %1 fallback models are tried (got %2)</source>
        <translation>höchstens %1 Ersatzmodelle werden versucht (angegeben: %2)</translation>
    </message>
</context>
<context>
    <name>bw::GuardedCall</name>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>keine Antwort von %1 innerhalb von %2 s</translation>
    </message>
    <message>
        <source>the answer stalled: no data for %1 s</source>
        <translation>die Antwort stockt: seit %1 s keine Daten</translation>
    </message>
    <message>
        <source>the total time limit of %1 s passed</source>
        <translation>das Gesamtzeitlimit von %1 s ist abgelaufen</translation>
    </message>
    <message>
        <source> (stopped retrying: waiting %1 s more would pass the total time limit of %2 s)</source>
        <translation> (keine weiteren Versuche: noch %1 s zu warten würde das Gesamtzeitlimit von %2 s überschreiten)</translation>
    </message>
    <message>
        <source>the total time limit passed</source>
        <translation>das Gesamtzeitlimit ist abgelaufen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
</context>
<context>
    <name>bw::JsonCall</name>
    <message>
        <source>the answer is larger than %1 MiB; stopped reading it</source>
        <translation>die Antwort ist größer als %1 MiB; das Lesen wurde beendet</translation>
    </message>
    <message>
        <source>the answer is not a JSON object (%1)</source>
        <translation>die Antwort ist kein JSON-Objekt (%1)</translation>
    </message>
</context>
<context>
    <name>bw::JsonFieldReader</name>
    <message>
        <source>the field %1 should be text</source>
        <translation>das Feld %1 müsste Text sein</translation>
    </message>
    <message>
        <source>the field %1 is missing</source>
        <translation>das Feld %1 fehlt</translation>
    </message>
    <message>
        <source>the field %1 is empty</source>
        <translation>das Feld %1 ist leer</translation>
    </message>
    <message>
        <source>the field %1 should be a number</source>
        <translation>das Feld %1 müsste eine Zahl sein</translation>
    </message>
    <message>
        <source>the field %1 is %2; it should be a whole number from %3 to %4</source>
        <translation>das Feld %1 ist %2; es müsste eine ganze Zahl von %3 bis %4 sein</translation>
    </message>
    <message>
        <source>the field %1 is %2; it should be a number of 0 or more</source>
        <translation>das Feld %1 ist %2; es müsste eine Zahl von 0 oder mehr sein</translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which is not a time</source>
        <translation>das Feld %1 ist „%2“, was keine Zeitangabe ist</translation>
    </message>
    <message>
        <source>the field %1 should be an object</source>
        <translation>das Feld %1 müsste ein Objekt sein</translation>
    </message>
    <message>
        <source>the field %1 should be text or null</source>
        <translation>das Feld %1 müsste Text oder null sein</translation>
    </message>
    <message>
        <source>the field %1 should be a list of text</source>
        <translation>das Feld %1 müsste eine Liste von Texten sein</translation>
    </message>
    <message>
        <source>the field %1[%2] should be text</source>
        <translation>das Feld %1[%2] müsste Text sein</translation>
    </message>
</context>
<context>
    <name>bw::MessageAssembler</name>
    <message>
        <source>the answer grew past %1 MiB; stopped reading it</source>
        <translation>die Antwort wuchs über %1 MiB; das Lesen wurde beendet</translation>
    </message>
    <message>
        <source>the stream carried invalid JSON in a &apos;%1&apos; event (%2)</source>
        <translation>der Stream enthielt ungültiges JSON in einem „%1“-Ereignis (%2)</translation>
    </message>
    <message>
        <source>a second message_start arrived</source>
        <translation>ein zweites message_start kam an</translation>
    </message>
    <message>
        <source>&apos;%1&apos; arrived before message_start</source>
        <translation>„%1“ kam vor message_start</translation>
    </message>
    <message>
        <source>&apos;%1&apos; arrived after message_stop</source>
        <translation>„%1“ kam nach message_stop</translation>
    </message>
    <message>
        <source>content block %1 started out of order</source>
        <translation>Inhaltsblock %1 begann außer der Reihe</translation>
    </message>
    <message>
        <source>a delta arrived for content block %1, which is not open</source>
        <translation>ein Delta kam für den Inhaltsblock %1, der nicht offen ist</translation>
    </message>
    <message>
        <source>content block %1 stopped but was not open</source>
        <translation>Inhaltsblock %1 endete, war aber nicht offen</translation>
    </message>
    <message>
        <source>the stream ended before the message began</source>
        <translation>der Stream endete, bevor die Nachricht begann</translation>
    </message>
    <message>
        <source>the stream ended before message_stop</source>
        <translation>der Stream endete vor message_stop</translation>
    </message>
    <message>
        <source>the answer has more than %1 content blocks; stopped reading it</source>
        <translation>die Antwort hat mehr als %1 Inhaltsblöcke; das Lesen wurde beendet</translation>
    </message>
    <message>
        <source>a %1 arrived for content block %2, which is a %3 block</source>
        <translation>ein %1 kam für den Inhaltsblock %2, der ein %3-Block ist</translation>
    </message>
</context>
<context>
    <name>bw::MessageBatchJob</name>
    <message>
        <source>the batch was created without an id</source>
        <translation>der Stapel wurde ohne ID angelegt</translation>
    </message>
    <message>
        <source>the batch returned no result for this request</source>
        <translation>der Stapel lieferte kein Ergebnis für diese Anfrage</translation>
    </message>
    <message>
        <source>the request was %1 by the Batches API</source>
        <translation>die Anfrage wurde von der Batches-API mit „%1“ beendet</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source> (batch %1 may still be running on the server)</source>
        <translation> (Stapel %1 läuft auf dem Server möglicherweise noch)</translation>
    </message>
</context>
<context>
    <name>bw::MessageRequest</name>
    <message>
        <source>no model is set</source>
        <translation>es ist kein Modell gesetzt</translation>
    </message>
    <message>
        <source>max tokens must be at least 1</source>
        <translation>die maximalen Tokens müssen mindestens 1 sein</translation>
    </message>
    <message>
        <source>there is no message to send</source>
        <translation>es gibt keine Nachricht zu senden</translation>
    </message>
    <message>
        <source>the conversation must start with a user message</source>
        <translation>die Unterhaltung muss mit einer Nachricht des Benutzers beginnen</translation>
    </message>
    <message>
        <source>unknown role &apos;%1&apos;</source>
        <translation>unbekannte Rolle „%1“</translation>
    </message>
    <message>
        <source>a %1 message is empty</source>
        <translation>eine %1-Nachricht ist leer</translation>
    </message>
    <message>
        <source>the thinking budget (%1 tokens) must be at least %2 and below max tokens (%3)</source>
        <translation>das Denkbudget (%1 Tokens) muss mindestens %2 und kleiner als Max. Tokens (%3) sein</translation>
    </message>
    <message>
        <source>only your own messages can carry files</source>
        <translation>nur Ihre eigenen Nachrichten können Dateien enthalten</translation>
    </message>
    <message>
        <source>the attached file “%1” has no content</source>
        <translation>die angehängte Datei „%1“ hat keinen Inhalt</translation>
    </message>
    <message>
        <source>the attached file “%1” is of a type the API does not take (%2)</source>
        <translation>die angehängte Datei „%1“ ist von einer Art, die die API nicht annimmt (%2)</translation>
    </message>
</context>
<context>
    <name>bw::MessageStream</name>
    <message>
        <source>the server answered HTTP %1 but not with an event stream (content-type &apos;%2&apos;)</source>
        <translation>der Server antwortete mit HTTP %1, aber nicht mit einem Ereignisstream (Content-Type „%2“)</translation>
    </message>
    <message>
        <source>an event in the stream was larger than %1 MiB</source>
        <translation>ein Ereignis im Stream war größer als %1 MiB</translation>
    </message>
    <message>
        <source>the connection broke in the middle of the answer (%1)</source>
        <translation>die Verbindung brach mitten in der Antwort ab (%1)</translation>
    </message>
    <message>
        <source>the server answered HTTP %1, but its headers were too many or too large to read (the limit is 100 header lines); a proxy in between may be adding them</source>
        <translation>der Server antwortete mit HTTP %1, aber seine Header waren zu viele oder zu groß zum Lesen (die Grenze liegt bei 100 Header-Zeilen); möglicherweise fügt ein Proxy dazwischen sie hinzu</translation>
    </message>
    <message>
        <source>the server compressed the event stream as &apos;%1&apos;, which Breakwater cannot read (it asked for no compression; a proxy in between may be compressing it)</source>
        <translation>der Server komprimierte den Ereignisstrom als &apos;%1&apos;, was Breakwater nicht lesen kann (es bat um keine Kompression; möglicherweise komprimiert ein Proxy dazwischen)</translation>
    </message>
    <message>
        <source>the compressed event stream is damaged (%1)</source>
        <translation>der komprimierte Ereignisstrom ist beschädigt (%1)</translation>
    </message>
</context>
<context>
    <name>bw::PriceTable</name>
    <message>
        <source>The price file %1 was not used: %2</source>
        <translation>Die Preisdatei %1 wurde nicht verwendet: %2</translation>
    </message>
    <message>
        <source>it has no &quot;models&quot; object</source>
        <translation>sie hat kein „models“-Objekt</translation>
    </message>
    <message>
        <source>model %1 needs numeric &quot;input&quot; and &quot;output&quot; (USD per million tokens, 0 to %2)</source>
        <translation>Modell %1 braucht numerische Werte für „input“ und „output“ (USD pro Million Tokens, 0 bis %2)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number from 0 to %2</source>
        <translation>„%1“ muss eine Zahl von 0 bis %2 sein</translation>
    </message>
</context>
<context>
    <name>bw::PromptCache</name>
    <message>
        <source>&apos;%1&apos; is not a prompt cache setting: use off, 5m or 1h</source>
        <translation>„%1“ ist keine Prompt-Cache-Einstellung: verwenden Sie off, 5m oder 1h</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
</context>
<context>
    <name>bw::RegularFile</name>
    <message>
        <source>a folder</source>
        <translation>ein Ordner</translation>
    </message>
    <message>
        <source>a FIFO</source>
        <translation>ein FIFO</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>ein zeichenorientiertes Gerät</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>ein blockorientiertes Gerät</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>ein Socket</translation>
    </message>
    <message>
        <source>%1 is %2, not a regular file: Breakwater reads and writes only regular files</source>
        <translation>%1 ist %2, keine reguläre Datei: Breakwater liest und schreibt nur reguläre Dateien</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB, the most Breakwater reads of one file</source>
        <translation>%1 ist größer als %2 MiB, mehr liest Breakwater von einer Datei nicht</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>something else</source>
        <translation>etwas anderes</translation>
    </message>
    <message>
        <source>%1 is a symbolic link (to %2): Breakwater does not write through links. Choose a file that is not a link</source>
        <translation>%1 ist eine symbolische Verknüpfung (auf %2): Breakwater schreibt nicht durch Verknüpfungen. Wählen Sie eine Datei, die keine Verknüpfung ist</translation>
    </message>
</context>
<context>
    <name>bw::RequestPreparer</name>
    <message>
        <source>“%1” is not in the attachment store</source>
        <translation>„%1“ ist nicht im Anhangspeicher</translation>
    </message>
    <message>
        <source>the PDFs of this conversation have %1 pages together; the API reads at most %2 in one request. Nothing was sent. Start a new conversation for another PDF.</source>
        <translation>die PDFs dieser Unterhaltung haben zusammen %1 Seiten; die API liest höchstens %2 in einer Anfrage. Es wurde nichts gesendet. Beginnen Sie für ein weiteres PDF eine neue Unterhaltung.</translation>
    </message>
    <message>
        <source>with its attachments the request would be %1 MB; the API takes at most %2 MB. Nothing was sent. Remove an attachment, or start a new conversation (earlier files go with every turn).</source>
        <translation>mit ihren Anhängen wäre die Anfrage %1 MB groß; die API nimmt höchstens %2 MB an. Es wurde nichts gesendet. Entfernen Sie einen Anhang oder beginnen Sie eine neue Unterhaltung (frühere Dateien gehen mit jedem Beitrag mit).</translation>
    </message>
    <message>
        <source>this conversation has %1 images; the API takes at most %2 in one request. Nothing was sent. Start a new conversation for more images.</source>
        <translation>diese Unterhaltung hat %1 Bilder; die API nimmt höchstens %2 in einer Anfrage an. Es wurde nichts gesendet. Beginnen Sie für weitere Bilder eine neue Unterhaltung.</translation>
    </message>
    <message>
        <source>an attached file could not be read while the request was made; nothing was sent. Try again.</source>
        <translation>eine angehängte Datei konnte beim Erstellen der Anfrage nicht gelesen werden; es wurde nichts gesendet. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>a file of this message cannot be read: %1. Nothing was sent; attach the file again.</source>
        <translation>eine Datei dieser Nachricht kann nicht gelesen werden: %1. Es wurde nichts gesendet; hängen Sie die Datei erneut an.</translation>
    </message>
</context>
<context>
    <name>bw::RetryPolicy</name>
    <message numerus="yes">
        <source> (gave up after %n attempts)</source>
        <translation>
            <numerusform> (nach %n Versuch aufgegeben)</numerusform>
            <numerusform> (nach %n Versuchen aufgegeben)</numerusform>
        </translation>
    </message>
    <message>
        <source>the server asked to wait %1 s before retrying, longer than the %2 s this client waits by itself (%3)</source>
        <translation>der Server bat, %1 s bis zum nächsten Versuch zu warten – länger als die %2 s, die dieses Programm von sich aus wartet (%3)</translation>
    </message>
    <message>
        <source>the server asked to wait more than %1 s before retrying, longer than the %2 s this client waits by itself (%3)</source>
        <translation>der Server bat, mehr als %1 s bis zum nächsten Versuch zu warten – länger als die %2 s, die dieses Programm von sich aus wartet (%3)</translation>
    </message>
</context>
<context>
    <name>bw::SettingsStore</name>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>eine ganze Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>eines von %1</translation>
    </message>
    <message>
        <source>Setting %1: %2; using %3.</source>
        <translation>Einstellung %1: %2; verwendet wird %3.</translation>
    </message>
    <message>
        <source>Setting %1 is &apos;%2&apos;, but it must be %3; using %4.</source>
        <translation>Einstellung %1 ist „%2“, muss aber %3 sein; verwendet wird %4.</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>The settings file %1 could not be read; using defaults.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht gelesen werden; es gelten die Voreinstellungen.</translation>
    </message>
    <message>
        <source>Setting retry/maxDelayMs is below retry/baseDelayMs; using the base delay for both.</source>
        <translation>Die Einstellung retry/maxDelayMs liegt unter retry/baseDelayMs; für beide gilt die erste Wartezeit.</translation>
    </message>
    <message>
        <source>Setting compression/compressAtTokens is below 1000; compression is off.</source>
        <translation>Die Einstellung compression/compressAtTokens liegt unter 1000; die Komprimierung ist aus.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid profile name (letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;)</source>
        <translation>„%1“ ist kein gültiger Profilname (Buchstaben, Ziffern, „-“, „_“ und „.“)</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Setting chat/thinking is &apos;%1&apos;, which is not off, adaptive, default or a budget of at least 1024 tokens; using the model&apos;s default.</source>
        <translation>Die Einstellung chat/thinking ist „%1“, weder off, adaptive, default noch ein Budget von mindestens 1024 Tokens; es gilt die Voreinstellung des Modells.</translation>
    </message>
    <message>
        <source>Setting %1 is &apos;%2&apos;, which is not off, 5m or 1h; using 5m.</source>
        <translation>Die Einstellung %1 ist „%2“, also weder off, 5m noch 1h; 5m wird verwendet.</translation>
    </message>
    <message>
        <source>an amount of USD from 0 (none) to %1</source>
        <translation>ein Betrag in USD von 0 (keiner) bis %1</translation>
    </message>
    <message>
        <source>Setting %1 names &apos;%2&apos;, which is not a model id; it is left out.</source>
        <translation>Die Einstellung %1 nennt „%2“, was keine Modell-ID ist; sie wird weggelassen.</translation>
    </message>
    <message>
        <source>Setting %1 names %2 models, but at most %3 are tried; the first %3 are used.</source>
        <translation>Die Einstellung %1 nennt %2 Modelle, aber höchstens %3 werden versucht; die ersten %3 werden verwendet.</translation>
    </message>
</context>
<context>
    <name>bw::SpendBudgets</name>
    <message>
        <source>the daily budget</source>
        <translation>das Tagesbudget</translation>
    </message>
    <message>
        <source>the monthly budget</source>
        <translation>das Monatsbudget</translation>
    </message>
    <message>
        <source>the budget per conversation</source>
        <translation>das Budget pro Unterhaltung</translation>
    </message>
    <message>
        <source>%1 must be an amount from 0 (none) to %2 USD</source>
        <translation>%1 muss ein Betrag von 0 (keines) bis %2 USD sein</translation>
    </message>
</context>
<context>
    <name>bw::SpendMeter</name>
    <message>
        <source>Usage was not recorded in the ledger: %1</source>
        <translation>Die Nutzung wurde nicht im Nutzungsprotokoll vermerkt: %1</translation>
    </message>
    <message>
        <source>The usage ledger cannot be read: %1</source>
        <translation>Das Nutzungsprotokoll kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No price is known for %1: its requests count $0 against your budgets (prices can be added in %2).</source>
        <translation>Für %1 ist kein Preis bekannt: seine Anfragen zählen mit 0 $ für Ihre Budgets (Preise lassen sich in %2 ergänzen).</translation>
    </message>
</context>
<context>
    <name>bw::ThinkingConfig</name>
    <message>
        <source>%1 does not think before answering; thinking is off</source>
        <translation>%1 denkt vor dem Antworten nicht nach; Denken ist aus</translation>
    </message>
    <message>
        <source>%1 always thinks; thinking cannot be turned off for it</source>
        <translation>%1 denkt immer nach; das Denken lässt sich nicht abschalten</translation>
    </message>
    <message>
        <source>%1 takes a thinking budget, not an effort: %2 tokens for &apos;%3&apos;</source>
        <translation>%1 nimmt ein Denkbudget, keinen Aufwand: %2 Tokens für „%3“</translation>
    </message>
    <message>
        <source>%1 takes an effort, not a thinking budget: &apos;%2&apos; for %3 tokens</source>
        <translation>%1 nimmt einen Aufwand, kein Denkbudget: „%2“ für %3 Tokens</translation>
    </message>
    <message>
        <source>%1 has no effort &apos;%2&apos;; using &apos;%3&apos;</source>
        <translation>%1 kennt den Aufwand „%2“ nicht; es gilt „%3“</translation>
    </message>
    <message>
        <source>a thinking budget needs max tokens above %1; thinking is left to the model</source>
        <translation>ein Denkbudget braucht Max. Tokens über %1; das Denken bleibt dem Modell überlassen</translation>
    </message>
    <message>
        <source>the thinking budget must be from %1 to below max tokens (%2): using %3</source>
        <translation>das Denkbudget muss von %1 bis unter Max. Tokens (%2) reichen: es gilt %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a thinking setting: use off, adaptive, default or a budget of at least %2 tokens</source>
        <translation>„%1“ ist keine Denk-Einstellung: off, adaptive, default oder ein Budget von mindestens %2 Tokens</translation>
    </message>
</context>
<context>
    <name>bw::UsageLedger</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation>%1 ist keine normale Datei</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is a symbolic link: Breakwater does not read or write through links</source>
        <translation>%1 ist eine symbolische Verknüpfung: Breakwater liest und schreibt nicht durch Verknüpfungen</translation>
    </message>
</context>
<context>
    <name>bw::ui::AttachmentChip</name>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Send the image at its original size instead (more tokens; the API scales large images down anyway)</source>
        <translation>Das Bild stattdessen in Originalgröße senden (mehr Tokens; die API verkleinert große Bilder ohnehin)</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>Anhang entfernen</translation>
    </message>
    <message>
        <source>Remove this file from the message</source>
        <translation>Diese Datei aus der Nachricht entfernen</translation>
    </message>
    <message>
        <source>The stored copy of this file is missing.</source>
        <translation>Die aufbewahrte Kopie dieser Datei fehlt.</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 px</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n Seite</numerusform>
            <numerusform>%n Seiten</numerusform>
        </translation>
    </message>
    <message>
        <source>scaled from %1 × %2</source>
        <translation>verkleinert von %1 × %2</translation>
    </message>
    <message>
        <source>Attachment %1</source>
        <translation>Anhang %1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>pages unknown</source>
        <translation>Seitenzahl unbekannt</translation>
    </message>
</context>
<context>
    <name>bw::ui::AttachmentTray</name>
    <message>
        <source>Attachments&apos; cost</source>
        <translation>Kosten der Anhänge</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Pasted image %1.png</source>
        <translation>Eingefügtes Bild %1.png</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) · about %1 tokens (estimated) · %2 at %3&apos;s input price · %4 to send</source>
        <translation>
            <numerusform>%n Datei · etwa %1 Tokens (geschätzt) · %2 zum Eingabepreis von %3 · %4 zu senden</numerusform>
            <numerusform>%n Dateien · etwa %1 Tokens (geschätzt) · %2 zum Eingabepreis von %3 · %4 zu senden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) · %1 tokens (count_tokens) · %2 at %3&apos;s input price · %4 to send</source>
        <translation>
            <numerusform>%n Datei · %1 Tokens (count_tokens) · %2 zum Eingabepreis von %3 · %4 zu senden</numerusform>
            <numerusform>%n Dateien · %1 Tokens (count_tokens) · %2 zum Eingabepreis von %3 · %4 zu senden</numerusform>
        </translation>
    </message>
    <message>
        <source>Files Claude reads (%1)</source>
        <translation>Dateien, die Claude liest (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>bw::ui::BatchWindow</name>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Find the limit automatically</source>
        <translation>Limit automatisch finden</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Batch — Breakwater</source>
        <translation>Stapel — Breakwater</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>Prompts, one per line</source>
        <translation>Prompts, einer pro Zeile</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Load prompts from a file</source>
        <translation>Prompts aus einer Datei laden</translation>
    </message>
    <message>
        <source>Raise the number of calls at once while they succeed; lower it on 429, overload and timeouts</source>
        <translation>Erhöht die Zahl gleichzeitiger Aufrufe, solange sie gelingen; senkt sie bei 429, Überlastung und Zeitüberschreitungen</translation>
    </message>
    <message>
        <source>at most </source>
        <translation>höchstens </translation>
    </message>
    <message>
        <source> at once</source>
        <translation> gleichzeitig</translation>
    </message>
    <message>
        <source>Fixed concurrency</source>
        <translation>Feste Parallelität</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Batch status</source>
        <translation>Stapelstatus</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation>Tokens ein / aus</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Prompts and their results</source>
        <translation>Prompts und ihre Ergebnisse</translation>
    </message>
    <message>
        <source>Calls allowed at once</source>
        <translation>Erlaubte gleichzeitige Aufrufe</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Concurrency limit over time</source>
        <translation>Parallelitätslimit im Zeitverlauf</translation>
    </message>
    <message>
        <source>There are no prompts: write one per line, or load a file.</source>
        <translation>Es gibt keine Prompts: Schreiben Sie einen pro Zeile oder laden Sie eine Datei.</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <source> · paused for the server&apos;s hint</source>
        <translation> · pausiert auf Hinweis des Servers</translation>
    </message>
    <message>
        <source>Load prompts</source>
        <translation>Prompts laden</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot load</source>
        <translation>Laden nicht möglich</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Nicht exportiert</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>The selected prompt and its answer</source>
        <translation>Der ausgewählte Prompt und seine Antwort</translation>
    </message>
    <message>
        <source>Select a row to read its whole answer.</source>
        <translation>Wählen Sie eine Zeile, um die ganze Antwort zu lesen.</translation>
    </message>
    <message>
        <source>Prompt %1: %2</source>
        <translation>Prompt %1: %2</translation>
    </message>
    <message>
        <source>
Stopped: %1</source>
        <translation>
Angehalten: %1</translation>
    </message>
    <message>
        <source>%1 of %2 done, %3 failed · %4 at once · %5 rate-limited (429)%6 · %7 spent%8</source>
        <translation>%1 von %2 erledigt, %3 fehlgeschlagen · %4 gleichzeitig · %5 ratenbegrenzt (429)%6 · %7 ausgegeben%8</translation>
    </message>
</context>
<context>
    <name>bw::ui::BreakerIndicator</name>
    <message>
        <source>Circuit breaker</source>
        <translation>Schutzschalter</translation>
    </message>
    <message>
        <source>Breaker: —</source>
        <translation>Schutzschalter: —</translation>
    </message>
    <message>
        <source>Breaker closed</source>
        <translation>Schutzschalter geschlossen</translation>
    </message>
    <message>
        <source>Breaker open — next try in %1 s</source>
        <translation>Schutzschalter offen — nächster Versuch in %1 s</translation>
    </message>
    <message>
        <source>Breaker half-open — testing</source>
        <translation>Schutzschalter halb offen — Test läuft</translation>
    </message>
    <message>
        <source>The next request is a test: if it succeeds the breaker closes, if it fails it opens again.</source>
        <translation>Die nächste Anfrage ist ein Test: Gelingt sie, schließt der Schutzschalter; scheitert sie, öffnet er wieder.</translation>
    </message>
    <message numerus="yes">
        <source>Requests flow normally. %n failure(s) in a row so far; it opens at %1.</source>
        <translation>
            <numerusform>Anfragen laufen normal. Bisher %n Fehler in Folge; bei %1 öffnet der Schutzschalter.</numerusform>
            <numerusform>Anfragen laufen normal. Bisher %n Fehler in Folge; bei %1 öffnet der Schutzschalter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The service failed %n time(s) in a row, so requests are paused instead of hammering it. One test request goes out when the countdown ends.</source>
        <translation>
            <numerusform>Der Dienst ist %n-mal in Folge ausgefallen; deshalb werden Anfragen pausiert, statt ihn weiter zu belasten. Wenn der Countdown endet, geht eine Testanfrage hinaus.</numerusform>
            <numerusform>Der Dienst ist %n-mal in Folge ausgefallen; deshalb werden Anfragen pausiert, statt ihn weiter zu belasten. Wenn der Countdown endet, geht eine Testanfrage hinaus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Circuit breaker of %1</source>
        <translation>Schutzschalter von %1</translation>
    </message>
</context>
<context>
    <name>bw::ui::ChunkedTextView</name>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>Copy &amp;Code Block</source>
        <translation>&amp;Codeblock kopieren</translation>
    </message>
</context>
<context>
    <name>bw::ui::Composer</name>
    <message>
        <source>Ask Claude…  (Enter sends · Shift+Enter new line · Esc stops)</source>
        <translation>Claude fragen…  (Eingabe sendet · Umschalt+Eingabe neue Zeile · Esc stoppt)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Type a message. Enter sends it, Shift+Enter adds a line, Escape stops the answer.</source>
        <translation>Schreiben Sie eine Nachricht. Eingabe sendet sie, Umschalt+Eingabe fügt eine Zeile hinzu, Escape stoppt die Antwort.</translation>
    </message>
</context>
<context>
    <name>bw::ui::ConversationList</name>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Search all conversations…</source>
        <translation>Alle Unterhaltungen durchsuchen…</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Conversation list</source>
        <translation>Liste der Unterhaltungen</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>&amp;Export as Markdown…</source>
        <translation>Als Markdown &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>This file cannot be opened: %1
It is kept as it is.</source>
        <translation>Diese Datei kann nicht geöffnet werden: %1
Sie bleibt unverändert.</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n message(s), updated %2</source>
        <translation>
            <numerusform>%1
%n Nachricht, geändert %2</numerusform>
            <numerusform>%1
%n Nachrichten, geändert %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::ui::FallbackEditor</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>Switch automatically</source>
        <translation>Automatisch wechseln</translation>
    </message>
    <message>
        <source>Ask each time</source>
        <translation>Jedes Mal fragen</translation>
    </message>
    <message>
        <source>Never switch</source>
        <translation>Nie wechseln</translation>
    </message>
    <message>
        <source>When the model is overloaded</source>
        <translation>Wenn das Modell überlastet ist</translation>
    </message>
    <message>
        <source>Only before the answer&apos;s first word: an answer that has begun is never started over by another model</source>
        <translation>Nur vor dem ersten Wort der Antwort: Eine begonnene Antwort wird nie von einem anderen Modell neu begonnen</translation>
    </message>
    <message>
        <source>Fallback models, in order</source>
        <translation>Ersatzmodelle, der Reihe nach</translation>
    </message>
    <message>
        <source>Move the fallback model up</source>
        <translation>Das Ersatzmodell nach oben schieben</translation>
    </message>
    <message>
        <source>Move the fallback model down</source>
        <translation>Das Ersatzmodell nach unten schieben</translation>
    </message>
    <message>
        <source>Remove the fallback model</source>
        <translation>Das Ersatzmodell entfernen</translation>
    </message>
    <message>
        <source>Model to add as a fallback</source>
        <translation>Als Ersatz hinzuzufügendes Modell</translation>
    </message>
    <message>
        <source>Add the fallback model</source>
        <translation>Das Ersatzmodell hinzufügen</translation>
    </message>
</context>
<context>
    <name>bw::ui::FallbackPrompt</name>
    <message>
        <source>Model overloaded</source>
        <translation>Modell überlastet</translation>
    </message>
    <message>
        <source>%1 keeps failing — answer with %2?</source>
        <translation>%1 fällt immer wieder aus — mit %2 antworten?</translation>
    </message>
    <message>
        <source>%1 is overloaded — answer with %2?</source>
        <translation>%1 ist überlastet — mit %2 antworten?</translation>
    </message>
    <message>
        <source>Nothing of the answer has arrived yet, so nothing is lost or repeated. The answer will say which model wrote it. Settings → Chat decides whether to ask next time.</source>
        <translation>Von der Antwort ist noch nichts angekommen, also geht nichts verloren und nichts wird wiederholt. Die Antwort sagt, welches Modell sie geschrieben hat. Unter Einstellungen → Chat legen Sie fest, ob beim nächsten Mal gefragt wird.</translation>
    </message>
    <message>
        <source>Answer with %1</source>
        <translation>Mit %1 antworten</translation>
    </message>
    <message>
        <source>Don&apos;t switch</source>
        <translation>Nicht wechseln</translation>
    </message>
</context>
<context>
    <name>bw::ui::MainWindow</name>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation>Neue Unterhaltung (Strg+N)</translation>
    </message>
    <message>
        <source> Model: </source>
        <translation> Modell: </translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>The model that answers; the list comes from the API</source>
        <translation>Das Modell, das antwortet; die Liste kommt von der API</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Stats</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Resilience</source>
        <translation>Resilienz</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;Neue Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a conversation</source>
        <translation>Unterhaltung öffnen</translation>
    </message>
    <message>
        <source>Breakwater conversations (*.json)</source>
        <translation>Breakwater-Unterhaltungen (*.json)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import a conversation</source>
        <translation>Unterhaltung importieren</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save the conversation as</source>
        <translation>Unterhaltung speichern unter</translation>
    </message>
    <message>
        <source>&amp;Export as Markdown…</source>
        <translation>Als Markdown &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;Stop answer</source>
        <translation>Antwort &amp;stoppen</translation>
    </message>
    <message>
        <source>Focus the &amp;message box</source>
        <translation>&amp;Nachrichtenfeld fokussieren</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Batch…</source>
        <translation>&amp;Stapel…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Breakwater</source>
        <translation>Ü&amp;ber Breakwater</translation>
    </message>
    <message>
        <source>About Breakwater</source>
        <translation>Über Breakwater</translation>
    </message>
    <message>
        <source>&lt;b&gt;Breakwater %1&lt;/b&gt;&lt;p&gt;A resilient native desktop client for Claude. It retries with backoff and jitter, honours the server&apos;s retry hints, trips a circuit breaker when the service is sick, ends stalled streams and keeps every word that arrived.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Breakwater %1&lt;/b&gt;&lt;p&gt;Ein robuster nativer Desktop-Client für Claude. Er wiederholt mit Backoff und Jitter, beachtet die Wartehinweise des Servers, löst einen Schutzschalter aus, wenn der Dienst krank ist, beendet hängende Streams und behält jedes angekommene Wort.&lt;/p&gt;</translation>
    </message>
    <message>
        <source> DEMO · built-in simulator </source>
        <translation> DEMO · eingebauter Simulator </translation>
    </message>
    <message>
        <source>Demo mode</source>
        <translation>Demomodus</translation>
    </message>
    <message>
        <source>Answers come from Breakwater&apos;s built-in simulator, not from Claude. Enter an API key in Settings to talk to Claude.</source>
        <translation>Die Antworten kommen vom eingebauten Simulator von Breakwater, nicht von Claude. Geben Sie in den Einstellungen einen API-Schlüssel ein, um mit Claude zu sprechen.</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil: %1</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Stop the answer (Esc); what arrived is kept</source>
        <translation>Antwort stoppen (Esc); was angekommen ist, bleibt erhalten</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Senden (Eingabe)</translation>
    </message>
    <message>
        <source>Breakwater</source>
        <translation>Breakwater</translation>
    </message>
    <message>
        <source> (Demo)</source>
        <translation> (Demo)</translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation>Als Markdown exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Unterhaltung löschen</translation>
    </message>
    <message>
        <source>Delete “%1” for good? This cannot be undone.</source>
        <translation>„%1“ endgültig löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>none — %1</source>
        <translation>keiner — %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>Einstellungen nicht gespeichert</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Wait for the answer before you switch versions.</source>
        <translation>Warten Sie auf die Antwort, bevor Sie die Version wechseln.</translation>
    </message>
    <message>
        <source>Wait for the answer before you fork.</source>
        <translation>Warten Sie auf die Antwort, bevor Sie abzweigen.</translation>
    </message>
    <message>
        <source>Wait for the answer before you delete a version.</source>
        <translation>Warten Sie auf die Antwort, bevor Sie eine Version löschen.</translation>
    </message>
    <message>
        <source>Delete this version</source>
        <translation>Diese Version löschen</translation>
    </message>
    <message>
        <source>Delete this version of the message, and everything that followed it? The other versions stay. This cannot be undone.</source>
        <translation>Diese Version der Nachricht und alles, was danach kam, löschen? Die anderen Versionen bleiben. Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Context used</source>
        <translation>Belegter Kontext</translation>
    </message>
    <message>
        <source>%1 — context %2 tokens, answers up to %3 tokens</source>
        <translation>%1 — Kontext %2 Tokens, Antworten bis %3 Tokens</translation>
    </message>
    <message>
        <source>Context %1%2 of %3 (%4%)</source>
        <translation>Kontext %1%2 von %3 (%4 %)</translation>
    </message>
    <message>
        <source>About %1 of the %2 tokens %3 can read: the last answer&apos;s input as the API counted it, plus an estimate of what came since and of your draft%4.</source>
        <translation>Etwa %1 der %2 Tokens, die %3 lesen kann: die Eingabe der letzten Antwort, wie die API sie zählte, plus eine Schätzung dessen, was seither hinzukam, und Ihres Entwurfs%4.</translation>
    </message>
    <message>
        <source> (confirmed with count_tokens)</source>
        <translation> (mit count_tokens bestätigt)</translation>
    </message>
    <message>
        <source>The conversation will not fit</source>
        <translation>Die Unterhaltung passt nicht</translation>
    </message>
    <message>
        <source>This conversation is about %1 tokens; %2 reads at most %3. The request would be refused or cut off.</source>
        <translation>Diese Unterhaltung hat etwa %1 Tokens; %2 liest höchstens %3. Die Anfrage würde abgelehnt oder abgeschnitten.</translation>
    </message>
    <message>
        <source>Compress the older turns into a summary first (the transcript stays whole), or send as it is.</source>
        <translation>Verdichten Sie zuerst die älteren Beiträge zu einer Zusammenfassung (das Protokoll bleibt vollständig), oder senden Sie unverändert.</translation>
    </message>
    <message>
        <source>Compress and send</source>
        <translation>Verdichten und senden</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Trotzdem senden</translation>
    </message>
    <message>
        <source>Not compressed</source>
        <translation>Nicht verdichtet</translation>
    </message>
    <message>
        <source>Only the last answer can go on in a new turn; Retry with a higher limit makes a new version of this one.</source>
        <translation>Nur die letzte Antwort kann in einem neuen Beitrag fortgesetzt werden; „Mit höherem Limit wiederholen“ erzeugt eine neue Fassung dieser Antwort.</translation>
    </message>
    <message>
        <source>&amp;Reset circuit breakers</source>
        <translation>Schutzschalter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Usage…</source>
        <translation>&amp;Nutzung…</translation>
    </message>
    <message>
        <source>Budget reached</source>
        <translation>Budget erreicht</translation>
    </message>
    <message>
        <source>Nothing was sent; your message is kept. Budgets are set per profile in Settings → Spending.</source>
        <translation>Es wurde nichts gesendet; Ihre Nachricht bleibt erhalten. Budgets werden pro Profil unter Einstellungen → Ausgaben festgelegt.</translation>
    </message>
    <message>
        <source>Send this one anyway</source>
        <translation>Diese trotzdem senden</translation>
    </message>
    <message>
        <source>The answer can no longer be sent again.</source>
        <translation>Die Antwort kann nicht mehr erneut gesendet werden.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Attach images, PDFs or text files (or drop them on the window, or paste them)</source>
        <translation>Bilder, PDFs oder Textdateien anhängen (oder auf das Fenster ziehen oder einfügen)</translation>
    </message>
    <message>
        <source>The attached files are still being prepared; send when they are ready.</source>
        <translation>Die angehängten Dateien werden noch vorbereitet; senden Sie, sobald sie bereit sind.</translation>
    </message>
    <message>
        <source>Files that cannot be sent</source>
        <translation>Dateien, die nicht gesendet werden können</translation>
    </message>
    <message>
        <source>Remove these files from the message first:

%1</source>
        <translation>Entfernen Sie zuerst diese Dateien aus der Nachricht:

%1</translation>
    </message>
    <message>
        <source>Files the model does not read</source>
        <translation>Dateien, die das Modell nicht liest</translation>
    </message>
    <message>
        <source>%1 does not read “%2”. Remove it, or choose a model that reads images and PDFs.</source>
        <translation>%1 liest „%2“ nicht. Entfernen Sie die Datei oder wählen Sie ein Modell, das Bilder und PDFs liest.</translation>
    </message>
    <message>
        <source>Too large to send</source>
        <translation>Zu groß zum Senden</translation>
    </message>
    <message>
        <source>With these files the request would be about %1 MB; the API takes at most %2 MB. Nothing was sent. Remove a file, or start a new conversation (the files of earlier messages are sent again with every message).</source>
        <translation>Mit diesen Dateien wäre die Anfrage etwa %1 MB groß; die API nimmt höchstens %2 MB an. Es wurde nichts gesendet. Entfernen Sie eine Datei oder beginnen Sie eine neue Unterhaltung (die Dateien früherer Nachrichten werden mit jeder Nachricht erneut gesendet).</translation>
    </message>
</context>
<context>
    <name>bw::ui::MessageWidget</name>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>Ihre Nachricht</translation>
    </message>
    <message>
        <source>Claude&apos;s answer</source>
        <translation>Claudes Antwort</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Claude</source>
        <translation>Claude</translation>
    </message>
    <message>
        <source>in summary</source>
        <translation>in der Zusammenfassung</translation>
    </message>
    <message>
        <source>This message is folded into the conversation summary that is sent instead of it.</source>
        <translation>Diese Nachricht ist in die Zusammenfassung eingeflossen, die an ihrer Stelle gesendet wird.</translation>
    </message>
    <message>
        <source>Copy the whole message</source>
        <translation>Die ganze Nachricht kopieren</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>Nachricht kopieren</translation>
    </message>
    <message>
        <source>Retry this answer</source>
        <translation>Diese Antwort wiederholen</translation>
    </message>
    <message>
        <source>Streaming… (attempt %1)</source>
        <translation>Empfange… (Versuch %1)</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>Empfange…</translation>
    </message>
    <message>
        <source>%1 in → %2 out tokens</source>
        <translation>%1 Tokens ein → %2 aus</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 Tok/s</translation>
    </message>
    <message>
        <source>first token %1 s</source>
        <translation>erstes Token %1 s</translation>
    </message>
    <message numerus="yes">
        <source>%n attempts</source>
        <translation>
            <numerusform>%n Versuch</numerusform>
            <numerusform>%n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>Interrupted — the text above is what arrived. </source>
        <translation>Unterbrochen — der Text oben ist, was angekommen ist. </translation>
    </message>
    <message>
        <source>No answer. </source>
        <translation>Keine Antwort. </translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
    <message>
        <source>Edit and send again; the answer you have now is kept as a version</source>
        <translation>Bearbeiten und erneut senden; die jetzige Antwort bleibt als Version erhalten</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Regenerate: a new answer to the same prompt; this one is kept as a version</source>
        <translation>Neu erzeugen: eine neue Antwort auf denselben Prompt; diese bleibt als Version erhalten</translation>
    </message>
    <message>
        <source>Regenerate answer</source>
        <translation>Antwort neu erzeugen</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Weitere Aktionen</translation>
    </message>
    <message>
        <source>&amp;Delete this version…</source>
        <translation>Diese Version &amp;löschen…</translation>
    </message>
    <message>
        <source>&amp;Fork into a new conversation</source>
        <translation>In eine neue Unterhaltung &amp;abzweigen</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <source>Edit your message</source>
        <translation>Ihre Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Sending starts a new branch; the old one is kept.</source>
        <translation>Senden beginnt einen neuen Zweig; der alte bleibt erhalten.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Retry with a higher limit</source>
        <translation>Mit höherem Limit wiederholen</translation>
    </message>
    <message>
        <source>Show or hide the thinking</source>
        <translation>Denken ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>Ask the model to go on</source>
        <translation>Das Modell bitten fortzufahren</translation>
    </message>
    <message>
        <source>Ask the model, in a new turn, to go on from where it stopped</source>
        <translation>Das Modell in einem neuen Beitrag bitten, dort fortzufahren, wo es aufgehört hat</translation>
    </message>
    <message>
        <source>Retry this answer with a higher token limit</source>
        <translation>Diese Antwort mit höherem Token-Limit wiederholen</translation>
    </message>
    <message>
        <source>A new version of this answer with twice the limit (at most the model&apos;s largest)</source>
        <translation>Eine neue Fassung dieser Antwort mit doppeltem Limit (höchstens dem des Modells)</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <source>Redacted thinking</source>
        <translation>Geschwärztes Denken</translation>
    </message>
    <message>
        <source>Thought for %1 s</source>
        <translation>%1 s nachgedacht</translation>
    </message>
    <message>
        <source> (part redacted)</source>
        <translation> (teils geschwärzt)</translation>
    </message>
    <message>
        <source>Part of the thinking was encrypted by the service (redacted). It is kept and sent back with later turns, but cannot be shown.</source>
        <translation>Ein Teil des Denkens wurde vom Dienst verschlüsselt (geschwärzt). Er wird aufbewahrt und mit späteren Beiträgen zurückgesandt, kann aber nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>What the model thought before it answered; kept and sent back with later turns</source>
        <translation>Was das Modell vor der Antwort dachte; aufbewahrt und mit späteren Beiträgen zurückgesandt</translation>
    </message>
    <message>
        <source>(redacted)</source>
        <translation>(geschwärzt)</translation>
    </message>
    <message>
        <source>%1% from cache</source>
        <translation>%1 % aus dem Cache</translation>
    </message>
    <message>
        <source>answered by %1 — %2 kept failing</source>
        <translation>beantwortet von %1 — %2 fiel immer wieder aus</translation>
    </message>
    <message>
        <source>answered by %1 — %2 was overloaded</source>
        <translation>beantwortet von %1 — %2 war überlastet</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Sources: %1</source>
        <translation>Quellen: %1</translation>
    </message>
    <message>
        <source>%1 was asked instead of %2</source>
        <translation>%1 wurde anstelle von %2 gefragt</translation>
    </message>
    <message>
        <source>answered by %1 — %2 were overloaded</source>
        <translation>beantwortet von %1 — %2 waren überlastet</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::ui::ResiliencePanel</name>
    <message>
        <source>Resilience</source>
        <translation>Resilienz</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Warten</translation>
    </message>
    <message>
        <source>Attempts timeline</source>
        <translation>Zeitleiste der Versuche</translation>
    </message>
    <message>
        <source>Requests left in this minute</source>
        <translation>Verbleibende Anfragen in dieser Minute</translation>
    </message>
    <message>
        <source>Tokens left in this minute</source>
        <translation>Verbleibende Tokens in dieser Minute</translation>
    </message>
    <message>
        <source>Requests left:</source>
        <translation>Anfragen übrig:</translation>
    </message>
    <message>
        <source>Tokens left:</source>
        <translation>Tokens übrig:</translation>
    </message>
    <message>
        <source>#%1 · %2 · “%3”</source>
        <translation>Nr. %1 · %2 · „%3“</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbinde…</translation>
    </message>
    <message>
        <source>streaming</source>
        <translation>empfange</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1, request-id %2</source>
        <translation>HTTP %1, request-id %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>retry in %1 s</source>
        <translation>neuer Versuch in %1 s</translation>
    </message>
    <message>
        <source>waiting %1 s…</source>
        <translation>warte %1 s…</translation>
    </message>
    <message>
        <source>waited %1 s</source>
        <translation>%1 s gewartet</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>✓ answered in %1 s</source>
        <translation>✓ in %1 s beantwortet</translation>
    </message>
    <message>
        <source>not sent: breaker open</source>
        <translation>nicht gesendet: Schutzschalter offen</translation>
    </message>
    <message>
        <source>✗ %1, partial text kept</source>
        <translation>✗ %1, Teiltext erhalten</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>The window resets at %1</source>
        <translation>Das Zeitfenster beginnt neu um %1</translation>
    </message>
    <message>
        <source>Reset breakers</source>
        <translation>Schutzschalter zurücksetzen</translation>
    </message>
    <message>
        <source>Circuit breakers, one per model</source>
        <translation>Schutzschalter, einer pro Modell</translation>
    </message>
    <message>
        <source>Close every circuit breaker now and let requests through again</source>
        <translation>Jeden Schutzschalter jetzt schließen und Anfragen wieder durchlassen</translation>
    </message>
    <message>
        <source>Reset circuit breakers</source>
        <translation>Schutzschalter zurücksetzen</translation>
    </message>
    <message>
        <source>Other calls (model list, batches)</source>
        <translation>Andere Aufrufe (Modellliste, Stapel)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 answers: %2 keeps failing</source>
        <translation>%1 antwortet: %2 fällt immer wieder aus</translation>
    </message>
    <message>
        <source>%1 answers: %2 is overloaded</source>
        <translation>%1 antwortet: %2 ist überlastet</translation>
    </message>
</context>
<context>
    <name>bw::ui::SettingsDialog</name>
    <message>
        <source>Allow plain http:// to hosts that are not this computer</source>
        <translation>Unverschlüsseltes http:// zu anderen Rechnern erlauben</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Maximale Tokens</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>First retry delay</source>
        <translation>Erste Wartezeit</translation>
    </message>
    <message>
        <source>Longest backoff delay</source>
        <translation>Längste Backoff-Wartezeit</translation>
    </message>
    <message>
        <source>Longest server-requested wait</source>
        <translation>Längste vom Server verlangte Wartezeit</translation>
    </message>
    <message>
        <source>Time limit until headers</source>
        <translation>Zeitlimit bis zu den Headern</translation>
    </message>
    <message>
        <source>Idle time limit</source>
        <translation>Zeitlimit ohne Daten</translation>
    </message>
    <message>
        <source>Total time limit</source>
        <translation>Gesamtzeitlimit</translation>
    </message>
    <message>
        <source>Failures that open the breaker</source>
        <translation>Fehler, die den Schutzschalter öffnen</translation>
    </message>
    <message>
        <source>Breaker recovery time</source>
        <translation>Erholungszeit des Schutzschalters</translation>
    </message>
    <message>
        <source>Successful probes to close</source>
        <translation>Erfolgreiche Tests zum Schließen</translation>
    </message>
    <message>
        <source>Compress at tokens</source>
        <translation>Komprimieren ab Tokens</translation>
    </message>
    <message>
        <source>Messages kept word for word</source>
        <translation>Wörtlich behaltene Nachrichten</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Schriftgröße</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>Current key:</source>
        <translation>Aktueller Schlüssel:</translation>
    </message>
    <message>
        <source>Paste a new key to store it in the keychain</source>
        <translation>Neuen Schlüssel einfügen, um ihn im Schlüsselbund zu speichern</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Remove the stored key</source>
        <translation>Den gespeicherten Schlüssel entfernen</translation>
    </message>
    <message>
        <source>&amp;API key:</source>
        <translation>&amp;API-Schlüssel:</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>API-Version</translation>
    </message>
    <message>
        <source>API &amp;version:</source>
        <translation>API-&amp;Version:</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Max &amp;tokens:</source>
        <translation>Max. &amp;Tokens:</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <source>Optional instructions sent with every request</source>
        <translation>Optionale Anweisungen, die mit jeder Anfrage gesendet werden</translation>
    </message>
    <message>
        <source>&amp;System prompt:</source>
        <translation>&amp;Systemprompt:</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>&amp;Compress when the context reaches:</source>
        <translation>&amp;Komprimieren, wenn der Kontext erreicht:</translation>
    </message>
    <message>
        <source>&amp;Keep word for word the last:</source>
        <translation>&amp;Wörtlich behalten werden die letzten:</translation>
    </message>
    <message>
        <source> messages</source>
        <translation> Nachrichten</translation>
    </message>
    <message>
        <source>Summary model</source>
        <translation>Modell für Zusammenfassungen</translation>
    </message>
    <message>
        <source>S&amp;ummaries are written by:</source>
        <translation>&amp;Zusammenfassungen schreibt:</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Equal (a random point in the upper half)</source>
        <translation>Gleich (ein Zufallspunkt in der oberen Hälfte)</translation>
    </message>
    <message>
        <source>Full (anywhere from zero)</source>
        <translation>Voll (irgendwo ab null)</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>Attempts in all:</source>
        <translation>Versuche insgesamt:</translation>
    </message>
    <message>
        <source>First retry delay:</source>
        <translation>Erste Wartezeit:</translation>
    </message>
    <message>
        <source>Longest backoff delay:</source>
        <translation>Längste Backoff-Wartezeit:</translation>
    </message>
    <message>
        <source>Longest wait the server may ask for:</source>
        <translation>Längste Wartezeit, die der Server verlangen darf:</translation>
    </message>
    <message>
        <source>Jitter:</source>
        <translation>Jitter:</translation>
    </message>
    <message>
        <source>Time limit until the answer starts:</source>
        <translation>Zeitlimit bis zum Beginn der Antwort:</translation>
    </message>
    <message>
        <source>Time limit without data (pings count):</source>
        <translation>Zeitlimit ohne Daten (Pings zählen):</translation>
    </message>
    <message>
        <source>Total time limit (0: none):</source>
        <translation>Gesamtzeitlimit (0: keines):</translation>
    </message>
    <message>
        <source>Failures in a row that open the breaker:</source>
        <translation>Fehler in Folge, die den Schutzschalter öffnen:</translation>
    </message>
    <message>
        <source>Breaker stays open for:</source>
        <translation>Schutzschalter bleibt offen für:</translation>
    </message>
    <message>
        <source>Successful test requests to close it:</source>
        <translation>Erfolgreiche Testanfragen zum Schließen:</translation>
    </message>
    <message>
        <source>Resilience</source>
        <translation>Resilienz</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <source>&amp;Font size:</source>
        <translation>&amp;Schriftgröße:</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Problems with these settings</source>
        <translation>Probleme mit diesen Einstellungen</translation>
    </message>
    <message>
        <source>Name (letters, digits, - _ .):</source>
        <translation>Name (Buchstaben, Ziffern, - _ .):</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid profile name.</source>
        <translation>„%1“ ist kein gültiger Profilname.</translation>
    </message>
    <message>
        <source>Will be removed from the keychain when you press OK.</source>
        <translation>Wird aus dem Schlüsselbund entfernt, wenn Sie OK drücken.</translation>
    </message>
    <message>
        <source>The API key must not contain spaces.</source>
        <translation>Der API-Schlüssel darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>The model&apos;s largest</source>
        <translation>Höchstwert des Modells</translation>
    </message>
    <message>
        <source>The longest answer; lower it to cap cost. Above the chosen model&apos;s largest, its largest is used.</source>
        <translation>Die längste Antwort; senken Sie sie, um Kosten zu begrenzen. Über dem Höchstwert des gewählten Modells gilt dieser.</translation>
    </message>
    <message>
        <source>How much the model thinks in new conversations (each conversation can choose its own in the toolbar)</source>
        <translation>Wie viel das Modell in neuen Unterhaltungen nachdenkt (jede Unterhaltung kann in der Werkzeugleiste ihre eigene Wahl treffen)</translation>
    </message>
    <message>
        <source>T&amp;hinking:</source>
        <translation>&amp;Denken:</translation>
    </message>
    <message>
        <source>Prompt caching</source>
        <translation>Prompt-Caching</translation>
    </message>
    <message>
        <source>Each request marks the conversation so far for the API&apos;s prompt cache: the next request reads it at a tenth of the input price. Writing it costs 1.25× the input price (2× for an hour), so an hour pays off when you come back after more than five minutes.</source>
        <translation>Jede Anfrage markiert die bisherige Unterhaltung für den Prompt-Cache der API: Die nächste Anfrage liest sie zu einem Zehntel des Eingabepreises. Das Schreiben kostet das 1,25-Fache des Eingabepreises (das 2-Fache für eine Stunde); eine Stunde lohnt sich also, wenn Sie nach mehr als fünf Minuten zurückkommen.</translation>
    </message>
    <message>
        <source>Prompt &amp;caching:</source>
        <translation>Prompt-&amp;Caching:</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source>Daily budget</source>
        <translation>Tagesbudget</translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation>Monatsbudget</translation>
    </message>
    <message>
        <source>Budget per conversation</source>
        <translation>Budget pro Unterhaltung</translation>
    </message>
    <message>
        <source>For this profile: the models that answer instead, in order, when the model is overloaded before its answer begins</source>
        <translation>Für dieses Profil: die Modelle, die der Reihe nach stattdessen antworten, wenn das Modell überlastet ist, bevor seine Antwort beginnt</translation>
    </message>
    <message>
        <source>When the model is &amp;overloaded:</source>
        <translation>Wenn das Modell &amp;überlastet ist:</translation>
    </message>
    <message>
        <source>Per &amp;day:</source>
        <translation>Pro &amp;Tag:</translation>
    </message>
    <message>
        <source>Per &amp;month:</source>
        <translation>Pro &amp;Monat:</translation>
    </message>
    <message>
        <source>Per c&amp;onversation:</source>
        <translation>Pro &amp;Unterhaltung:</translation>
    </message>
    <message>
        <source>From 80% of a budget on, Breakwater warns; at 100% it does not send, and asks before it sends one anyway. What was spent is counted in the usage ledger (View → Usage…) from the usage the API reports; a request&apos;s own cost is known only once it is answered.</source>
        <translation>Ab 80 % eines Budgets warnt Breakwater; bei 100 % sendet es nicht und fragt, bevor es eine Anfrage trotzdem sendet. Was ausgegeben wurde, zählt das Nutzungsprotokoll (Ansicht → Nutzung…) aus der Nutzung, die die API meldet; was eine Anfrage selbst kostet, steht erst fest, wenn sie beantwortet ist.</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Budgets of the profile &lt;b&gt;%1&lt;/b&gt; in USD (each profile has its own):</source>
        <translation>Budgets des Profils &lt;b&gt;%1&lt;/b&gt; in USD (jedes Profil hat eigene):</translation>
    </message>
</context>
<context>
    <name>bw::ui::SimulatorPanel</name>
    <message>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <source>Breakwater is talking to its built-in simulator. Choose what happens to the next request, send a message, and watch the panels react.</source>
        <translation>Breakwater spricht mit seinem eingebauten Simulator. Wählen Sie, was mit der nächsten Anfrage passiert, senden Sie eine Nachricht und beobachten Sie die Anzeigen.</translation>
    </message>
    <message>
        <source>429 rate limit</source>
        <translation>429 Ratenlimit</translation>
    </message>
    <message>
        <source>The server says: too many requests, retry after 3 s.</source>
        <translation>Der Server sagt: zu viele Anfragen, neuer Versuch nach 3 s.</translation>
    </message>
    <message>
        <source>529 overloaded</source>
        <translation>529 überlastet</translation>
    </message>
    <message>
        <source>The API is overloaded; retried with backoff and jitter.</source>
        <translation>Die API ist überlastet; Wiederholung mit Backoff und Jitter.</translation>
    </message>
    <message>
        <source>500 server error</source>
        <translation>500 Serverfehler</translation>
    </message>
    <message>
        <source>An internal server error; retried.</source>
        <translation>Ein interner Serverfehler; wird wiederholt.</translation>
    </message>
    <message>
        <source>Stall mid-stream</source>
        <translation>Stocken im Stream</translation>
    </message>
    <message>
        <source>The answer stops arriving; the idle deadline ends it and keeps the text.</source>
        <translation>Die Antwort kommt nicht mehr an; das Zeitlimit ohne Daten beendet sie und behält den Text.</translation>
    </message>
    <message>
        <source>Drop mid-stream</source>
        <translation>Abbruch im Stream</translation>
    </message>
    <message>
        <source>The connection breaks in the middle of the answer.</source>
        <translation>Die Verbindung bricht mitten in der Antwort ab.</translation>
    </message>
    <message>
        <source>Slow stream</source>
        <translation>Langsamer Stream</translation>
    </message>
    <message>
        <source>Six tokens a second.</source>
        <translation>Sechs Tokens pro Sekunde.</translation>
    </message>
    <message>
        <source>Burst of 529s</source>
        <translation>Serie von 529ern</translation>
    </message>
    <message>
        <source>Eight failures in a row: enough to open the circuit breaker.</source>
        <translation>Acht Fehler in Folge: genug, um den Schutzschalter zu öffnen.</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <source>Forget queued faults: the next requests succeed.</source>
        <translation>Geplante Fehler verwerfen: Die nächsten Anfragen gelingen.</translation>
    </message>
    <message>
        <source>Requests the simulator answered:</source>
        <translation>Vom Simulator beantwortete Anfragen:</translation>
    </message>
    <message>
        <source>Simulator log</source>
        <translation>Simulator-Protokoll</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Next requests: healthy.</source>
        <translation>Nächste Anfragen: gesund.</translation>
    </message>
    <message numerus="yes">
        <source>Next requests: %n scripted fault(s), then healthy.</source>
        <translation>
            <numerusform>Nächste Anfragen: %n geplanter Fehler, dann gesund.</numerusform>
            <numerusform>Nächste Anfragen: %n geplante Fehler, dann gesund.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cut off (max tokens)</source>
        <translation>Abgeschnitten (Max. Tokens)</translation>
    </message>
    <message>
        <source>The answer stops at its token limit: Continue and Retry with a higher limit.</source>
        <translation>Die Antwort endet an ihrem Token-Limit: Weiter und Mit höherem Limit wiederholen.</translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation>Ablehnung</translation>
    </message>
    <message>
        <source>The model declines, with a category and an explanation.</source>
        <translation>Das Modell lehnt ab, mit Kategorie und Erklärung.</translation>
    </message>
    <message>
        <source>Context full</source>
        <translation>Kontext voll</translation>
    </message>
    <message>
        <source>The context window fills up: compressed and asked again when compression is on.</source>
        <translation>Das Kontextfenster läuft voll: bei eingeschalteter Verdichtung wird verdichtet und erneut gefragt.</translation>
    </message>
    <message>
        <source>Pause turn</source>
        <translation>Zug unterbrochen</translation>
    </message>
    <message>
        <source>The model pauses its turn; Breakwater asks it to go on.</source>
        <translation>Das Modell unterbricht seinen Zug; Breakwater bittet es fortzufahren.</translation>
    </message>
    <message>
        <source>Unknown stop</source>
        <translation>Unbekanntes Ende</translation>
    </message>
    <message>
        <source>A stop reason Breakwater does not know: shown by name.</source>
        <translation>Ein Endgrund, den Breakwater nicht kennt: mit Namen angezeigt.</translation>
    </message>
    <message>
        <source>Redacted thinking</source>
        <translation>Geschwärztes Denken</translation>
    </message>
    <message>
        <source>A thinking block the service encrypted; kept and sent back, not shown.</source>
        <translation>Ein vom Dienst verschlüsselter Denkblock; aufbewahrt und zurückgesandt, nicht angezeigt.</translation>
    </message>
    <message>
        <source>Overload this model</source>
        <translation>Dieses Modell überlasten</translation>
    </message>
    <message>
        <source>Every request to the chosen model gets 529 while the other models answer. With a fallback model in Settings → Chat, the answer goes to it.</source>
        <translation>Jede Anfrage an das gewählte Modell erhält 529, während die anderen Modelle antworten. Mit einem Ersatzmodell unter Einstellungen → Chat geht die Antwort an dieses.</translation>
    </message>
    <message>
        <source>Overloaded: %1</source>
        <translation>Überlastet: %1</translation>
    </message>
    <message>
        <source>Next requests: healthy, except to %1 (overloaded).</source>
        <translation>Nächste Anfragen: gesund, außer an %1 (überlastet).</translation>
    </message>
</context>
<context>
    <name>bw::ui::StatsPanel</name>
    <message>
        <source>Token statistics</source>
        <translation>Token-Statistik</translation>
    </message>
    <message>
        <source>Output speed</source>
        <translation>Ausgabegeschwindigkeit</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Eingabe-Tokens</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Ausgabe-Tokens</translation>
    </message>
    <message>
        <source>Cache write / read</source>
        <translation>Cache schreiben / lesen</translation>
    </message>
    <message>
        <source>Cost of this answer</source>
        <translation>Kosten dieser Antwort</translation>
    </message>
    <message>
        <source>Cost of the conversation</source>
        <translation>Kosten der Unterhaltung</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>Tokens pro Sekunde</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Tokens per second over the answer</source>
        <translation>Tokens pro Sekunde im Verlauf der Antwort</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>warte…</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 tok/s (%2)</source>
        <translation>%1 Tok/s (%2)</translation>
    </message>
    <message>
        <source>API count</source>
        <translation>API-Zählung</translation>
    </message>
    <message>
        <source>live estimate</source>
        <translation>Live-Schätzung</translation>
    </message>
    <message>
        <source>First thinking token</source>
        <translation>Erstes Denk-Token</translation>
    </message>
    <message>
        <source>First answer token</source>
        <translation>Erstes Antwort-Token</translation>
    </message>
    <message>
        <source>— (no thinking)</source>
        <translation>— (kein Denken)</translation>
    </message>
    <message>
        <source>%1 s, thought for %2 s</source>
        <translation>%1 s, %2 s nachgedacht</translation>
    </message>
    <message>
        <source>%1 (%2 thinking)</source>
        <translation>%1 (%2 Denken)</translation>
    </message>
    <message>
        <source>Cache, conversation</source>
        <translation>Cache, Unterhaltung</translation>
    </message>
    <message>
        <source>Saved by caching</source>
        <translation>Durch Caching gespart</translation>
    </message>
    <message>
        <source>%1 / %2 · %3% hit</source>
        <translation>%1 / %2 · %3 % Treffer</translation>
    </message>
    <message>
        <source>off (Settings → Prompt caching)</source>
        <translation>aus (Einstellungen → Prompt-Caching)</translation>
    </message>
    <message>
        <source>%1 · %2 in all</source>
        <translation>%1 · %2 insgesamt</translation>
    </message>
</context>
<context>
    <name>bw::ui::SummaryPanel</name>
    <message>
        <source>Compress now</source>
        <translation>Jetzt komprimieren</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Conversation summary</source>
        <translation>Zusammenfassung der Unterhaltung</translation>
    </message>
    <message>
        <source>Summary text</source>
        <translation>Text der Zusammenfassung</translation>
    </message>
    <message>
        <source>Correct the summary by hand</source>
        <translation>Die Zusammenfassung von Hand korrigieren</translation>
    </message>
    <message>
        <source>Forget the summary: the whole conversation is sent again</source>
        <translation>Zusammenfassung verwerfen: Die ganze Unterhaltung wird wieder gesendet</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message numerus="yes">
        <source>Compression is on: at %1 tokens of context, all but the %n most recent message(s) are summarised by %2.</source>
        <translation>
            <numerusform>Komprimierung ist an: Ab %1 Tokens Kontext wird alles außer der letzten Nachricht von %2 zusammengefasst.</numerusform>
            <numerusform>Komprimierung ist an: Ab %1 Tokens Kontext wird alles außer den %n letzten Nachrichten von %2 zusammengefasst.</numerusform>
        </translation>
    </message>
    <message>
        <source>Compression is off: every turn of the conversation is sent with each request.</source>
        <translation>Komprimierung ist aus: Jeder Beitrag der Unterhaltung wird mit jeder Anfrage gesendet.</translation>
    </message>
    <message>
        <source>Writing a summary…</source>
        <translation>Zusammenfassung wird geschrieben…</translation>
    </message>
    <message>
        <source>No summary yet: every message is sent as it is.</source>
        <translation>Noch keine Zusammenfassung: Jede Nachricht wird unverändert gesendet.</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>: about %1 → %2 tokens of context, %3 saved per request.</source>
        <translation>: etwa %1 → %2 Tokens Kontext, %3 pro Anfrage gespart.</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s) summarised by %1</source>
        <translation>
            <numerusform>%n frühere Nachricht von %1 zusammengefasst</numerusform>
            <numerusform>%n frühere Nachrichten von %1 zusammengefasst</numerusform>
        </translation>
    </message>
    <message>
        <source>Fold the older turns into the summary now, whatever the size of the conversation (with prompt caching on, the next request writes the cached prompt again)</source>
        <translation>Die älteren Beiträge jetzt in die Zusammenfassung falten, unabhängig von der Größe der Unterhaltung (mit Prompt-Caching schreibt die nächste Anfrage den zwischengespeicherten Prompt neu)</translation>
    </message>
    <message>
        <source> (about $%1)</source>
        <translation> (etwa $%1)</translation>
    </message>
    <message>
        <source>The next message is likely to compress the conversation (now about %1 of %2 tokens): the cached prompt is then written again, about %3 tokens at the cache write price%4. Later messages read it from the cache again.</source>
        <translation>Die nächste Nachricht wird die Unterhaltung wahrscheinlich komprimieren (jetzt etwa %1 von %2 Tokens): Der zwischengespeicherte Prompt wird dann neu geschrieben, etwa %3 Tokens zum Cache-Schreibpreis%4. Spätere Nachrichten lesen ihn wieder aus dem Cache.</translation>
    </message>
    <message>
        <source>The prompt is cached. Compressing (at %1 tokens; now about %2) rewrites it once, about %3 tokens at the cache write price%4; until then each request reads the conversation from the cache.</source>
        <translation>Der Prompt wird zwischengespeichert. Das Komprimieren (bei %1 Tokens; jetzt etwa %2) schreibt ihn einmal neu, etwa %3 Tokens zum Cache-Schreibpreis%4; bis dahin liest jede Anfrage die Unterhaltung aus dem Cache.</translation>
    </message>
</context>
<context>
    <name>bw::ui::ThinkingPicker</name>
    <message>
        <source>Thinking</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>How much the model thinks before it answers, for this conversation</source>
        <translation>Wie viel das Modell vor dem Antworten nachdenkt, für diese Unterhaltung</translation>
    </message>
    <message>
        <source>Thinking: model&apos;s default</source>
        <translation>Denken: wie das Modell</translation>
    </message>
    <message>
        <source>Thinking: off</source>
        <translation>Denken: aus</translation>
    </message>
    <message>
        <source>Thinking: adaptive, %1 effort</source>
        <translation>Denken: adaptiv, Aufwand %1</translation>
    </message>
    <message>
        <source>Thinking: up to %1 tokens</source>
        <translation>Denken: bis %1 Tokens</translation>
    </message>
</context>
<context>
    <name>bw::ui::TranscriptView</name>
    <message>
        <source>Transcript</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Ask Claude anything. Answers stream in here, with their speed, cost and retries.</source>
        <translation>Fragen Sie Claude, was Sie wollen. Die Antworten laufen hier ein – mit Geschwindigkeit, Kosten und Wiederholungen.</translation>
    </message>
</context>
<context>
    <name>bw::ui::UsageWindow</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Insgesamt</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Spend per profile</source>
        <translation>Ausgaben pro Profil</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Eingabe-Tokens</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Ausgabe-Tokens</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Spend per conversation</source>
        <translation>Ausgaben pro Unterhaltung</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <source>Usage — Breakwater</source>
        <translation>Nutzung — Breakwater</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <source>Spend summary</source>
        <translation>Ausgaben im Überblick</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message numerus="yes">
        <source>Cost per day, last %n day(s), by model</source>
        <translation>
            <numerusform>Kosten pro Tag, letzter %n Tag, nach Modell</numerusform>
            <numerusform>Kosten pro Tag, letzte %n Tage, nach Modell</numerusform>
        </translation>
    </message>
    <message>
        <source>USD</source>
        <translation>USD</translation>
    </message>
    <message>
        <source>Cost per day by model</source>
        <translation>Kosten pro Tag nach Modell</translation>
    </message>
    <message>
        <source>Usage status</source>
        <translation>Nutzungsstatus</translation>
    </message>
    <message>
        <source>Reading the usage ledger…</source>
        <translation>Das Nutzungsprotokoll wird gelesen…</translation>
    </message>
    <message>
        <source>Usage (Demo) — Breakwater</source>
        <translation>Nutzung (Demo) — Breakwater</translation>
    </message>
    <message>
        <source>(unknown model)</source>
        <translation>(unbekanntes Modell)</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <source>One-shots and batches</source>
        <translation>Einzelanfragen und Stapel</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>Deleted or elsewhere (%1…)</source>
        <translation>Gelöscht oder anderswo (%1…)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;: today %2 · this month %3 · all profiles, all time %4 in %n request(s).</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: heute %2 · diesen Monat %3 · alle Profile, insgesamt %4 in %n Anfrage.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: heute %2 · diesen Monat %3 · alle Profile, insgesamt %4 in %n Anfragen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ledger: %1</source>
        <translation>Protokoll: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n damaged line(s) skipped</source>
        <translation>
            <numerusform>%n beschädigte Zeile übersprungen</numerusform>
            <numerusform>%n beschädigte Zeilen übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Export usage</source>
        <translation>Nutzung exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
</TS>
