<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message>
        <source>Some settings were not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Breakwater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key is set up yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try Breakwater on its built-in simulator — no key, no network — and watch it handle rate limits, overloads and stalled streams. Or enter your Anthropic API key; it is stored in your system keychain, never in a file.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter API key…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw</name>
    <message>
        <source>the field %1 is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[%2] is not a thinking block with its text and signature, nor redacted thinking with its data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::AnswerJob</name>
    <message>
        <source>the conversation was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before the answer began.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. What arrived is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model paused its turn; asking it to go on (%1 of %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the conversation could not be saved, so the prompt was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context window is full: compressing older turns and asking again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keeps failing (its circuit breaker is open); %2 answers instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is overloaded; %2 answers instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sent without %n attached file(s) that could not be read: %1.</source>
        <translation>
            <numerusform>Sent without %n attached file that could not be read: %1.</numerusform>
            <numerusform>Sent without %n attached files that could not be read: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (models tried: %2; %n attempts in all)</source>
        <translation>
            <numerusform>%1 (models tried: %2; %n attempt in all)</numerusform>
            <numerusform>%1 (models tried: %2; %n attempts in all)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::AnthropicClient</name>
    <message>
        <source>&apos;%1&apos; is not a valid base URL (expected e.g. https://api.anthropic.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the base URL must start with https:// (got &apos;%1&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refusing to send the API key over plain http:// to %1; use https://, or allow insecure connections explicitly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the base URL must not carry a query or fragment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the batch results are on another host (%1); not sending the API key there</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ApiCall</name>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection without an HTTP answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data arrived for too long; the transfer was stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused to follow a redirect to %1, because it would send your API key to another host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped after %1 redirects: the server may be redirecting in a loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[your API key]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server answered HTTP %1, a redirect, without a valid Location header saying where to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an informational answer (HTTP %1) before its real one, which the HTTP layer cannot read past, so the answer was lost; a proxy that sends Early Hints must not send them to API clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection without an answer while the request (%1 MB) was being sent: a server or proxy refuses requests this large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused to follow a redirect to a %1: address; the API is only reached over https (or http)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ApiError</name>
    <message>
        <source>The server gave no time to wait: this may be a spend or usage limit. Check your plan and limits in the Anthropic Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are sending faster than your rate limit allows. Wait a little, send fewer requests at once, or raise the limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API is overloaded right now. Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API or a proxy in between had an internal error. Try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key was not accepted. Set a valid key (breakwater-cli key set, or the ANTHROPIC_API_KEY environment variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key may not do this (permissions or billing). Check the Anthropic Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was rejected as invalid. Check the model, max tokens, API version and the conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the model id and the base URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is too large. Shorten the conversation or turn on compression.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer arrived in time. Check your connection, or raise the timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer stopped arriving. What arrived is kept; retry or continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your network connection and the base URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed before the answer was finished. What arrived is kept; retry or continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was not a valid Messages API response. If you use a proxy or gateway, check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakwater paused requests to this service after repeated failures; it tries again by itself shortly. You can also reset the breaker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at your request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 with an empty body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 from something that is not the API (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server reported an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not connect to %1: connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host %1 was not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to %1 timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secure connection to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered with something that is not valid HTTP: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network error talking to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent. Check that the conversation&apos;s file can be written (free space, permissions, not a link), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workspace has reached its spend limit at Anthropic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no details given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests fail until the workspace&apos;s spend limit is raised or its period resets, or until credits are bought (Limits, and Plans &amp; Billing, in the Anthropic Console), so Breakwater does not retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent; the prompt is kept. Budgets are set per profile in Settings (Spending).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workspace&apos;s credit balance at Anthropic is too low: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ApiKeySource</name>
    <message>
        <source>from environment (ANTHROPIC_API_KEY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ApiKeyStore</name>
    <message>
        <source>No API key is stored for profile &apos;%1&apos;. Store one with `breakwater-cli key set --profile %1` or in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain failed: %1. If your keyring is locked, unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain service is running: install and unlock GNOME Keyring or KWallet (or use the ANTHROPIC_API_KEY environment variable). Breakwater never stores the key in a plain file. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access: unlock it (your login keyring) and allow Breakwater to use it, then try again. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not delete the key for profile &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain entry for profile &apos;%1&apos; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::Application</name>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key is stored in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key was removed from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2.

The file is left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1; changes are saved there from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not renamed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation was saved by an older Breakwater: it will be saved in today&apos;s format, and the original is kept as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (fork)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attached file(s) of this conversation are missing from Breakwater&apos;s data folder (%1). The conversation is complete otherwise; the files cannot be shown or sent again.</source>
        <translation>
            <numerusform>%n attached file of this conversation is missing from Breakwater&apos;s data folder (%1). The conversation is complete otherwise; the file cannot be shown or sent again.</numerusform>
            <numerusform>%n attached files of this conversation are missing from Breakwater&apos;s data folder (%1). The conversation is complete otherwise; the files cannot be shown or sent again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported without some attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1, but these attachments could not be copied beside it:
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::AttachmentPreparer</name>
    <message>
        <source>“%1” cannot be attached: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no image that can be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is empty: there is nothing to attach.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a kind of file Claude reads here: PNG, JPEG, GIF, WebP, PDF or plain text (UTF-8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not read images: “%2” cannot be sent to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is %2 MB; a request to the API holds at most %3 MB, and a file grows by a third on the way, so %4 MB is the most one file can be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not read PDFs: “%2” cannot be sent to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is protected with a password or encrypted; the API reads only standard PDFs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has %2 pages; the API reads at most %3 pages in one request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” looks like an image (%2) but cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” (%2 × %3 px, %4 MB) is larger than the API takes (%5 px on a side, %6 MB): send it scaled down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be made small enough for the API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is %2 MB of text that takes %3 MB in a request (its control characters, quotes and backslashes are written as escapes); a request to the API holds at most %4 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is damaged or incomplete: it does not end as a PDF does (no cross-reference and end-of-file marker at its end).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” (%2 × %3 px) is too large to decode; the API takes at most %4 px on a side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot be read as an image (it may be damaged): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is damaged or incomplete: the image ends before its data does.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::AttachmentStore</name>
    <message>
        <source>“%1” could not be kept: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored copy of “%1” is missing (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored copy of “%1” cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored copy of “%1” is damaged: its contents changed (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::BatchQueue</name>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent: an earlier prompt was refused (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Not sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::BudgetVerdict</name>
    <message>
        <source>%1 of today&apos;s budget of %2 is spent; %3 left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of this month&apos;s budget of %2 is spent; %3 left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of this conversation&apos;s budget of %2 is spent; %3 left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of this run&apos;s budget of %2 is spent; %3 left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily budget of %1 is reached: %2 spent today. Wait until tomorrow, raise it, or send this one anyway (breakwater-cli: --ignore-budget).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monthly budget of %1 is reached: %2 spent this month. Wait until next month, raise it, or send this one anyway (breakwater-cli: --ignore-budget).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation&apos;s budget of %1 is reached: %2 spent in it. It does not reset: raise it, start a new conversation, or send this one anyway (breakwater-cli: --ignore-budget).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The budget of this run (%1) is reached: %2 spent. Run again with a larger --budget-usd (--ignore-budget does not lift it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your budgets cannot be checked, because the usage ledger cannot be read: %1. Repair or move it, or send this one anyway (breakwater-cli: --ignore-budget).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ChatMessage</name>
    <message numerus="yes">
        <source>Cut off at %n tokens: the answer reached its max tokens limit.</source>
        <translation>
            <numerusform>Cut off at %n token: the answer reached its max tokens limit.</numerusform>
            <numerusform>Cut off at %n tokens: the answer reached its max tokens limit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Claude declined to answer this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer stopped for a reason Breakwater does not know: &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation filled the model&apos;s context window and the answer stopped there. Compress the older turns (Compress now in the Summary panel, or turn compression on in the settings) and regenerate, or start a new conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model paused its turn and did not go on after being asked again three times. Regenerate to ask again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ChatSession</name>
    <message>
        <source>There is nothing to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the current answer, or stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the conversation is compressed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an answer can be regenerated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only your own messages can be edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please continue exactly where you stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no such answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer already had the model&apos;s largest limit (%1 tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Not sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::CircuitBreaker</name>
    <message>
        <source>requests are paused while one test request checks whether the service has recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests are paused after %1 failures in a row; the next try is in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::Citation</name>
    <message>
        <source>document %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pp. %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::CitationMarkers</name>
    <message numerus="yes">
        <source>(%n more source(s) cited, not listed)</source>
        <translation>
            <numerusform>(%n more source cited, not listed)</numerusform>
            <numerusform>(%n more sources cited, not listed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::ContextCompressor</name>
    <message numerus="yes">
        <source>There is nothing to compress yet: only the %n most recent message(s) are kept word for word.</source>
        <translation>
            <numerusform>There is nothing to compress yet: only the most recent message is kept word for word.</numerusform>
            <numerusform>There is nothing to compress yet: only the %n most recent messages are kept word for word.</numerusform>
        </translation>
    </message>
    <message>
        <source>The summary came back empty; the whole conversation is sent instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation could not be compressed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation could not be compressed (%1); the whole conversation is sent instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation (about %1 tokens) is too long for the model, and compressing it failed: %2. Try again in a moment, or start a new conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation was closed before it was compressed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not compressed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::Conversation</name>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ConversationFile</name>
    <message>
        <source>message %1 has no valid role and text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a Breakwater conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was written by a newer Breakwater (file format %1; this version reads up to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its version or message list is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not valid JSON (%1 at byte %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>_Exported from Breakwater · %n message(s)_</source>
        <translation>
            <numerusform>_Exported from Breakwater · %n message_</numerusform>
            <numerusform>_Exported from Breakwater · %n messages_</numerusform>
        </translation>
    </message>
    <message>
        <source>**System prompt:** </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 in / %2 out tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakwater stopped before this answer finished. What arrived is kept; retry to ask again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&gt; **Summary of the first %n message(s)** (%1): </source>
        <translation>
            <numerusform>&gt; **Summary of the first %n message** (%1): </numerusform>
            <numerusform>&gt; **Summary of the first %n messages** (%1): </numerusform>
        </translation>
    </message>
    <message>
        <source>Branch at message %1 (version %2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which this version does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which names no message of this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which makes a cycle: its parents lead back to this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which is not a message that follows this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which is not a first message of this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field thinking is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(instead of %1, which was overloaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is not a SHA-256 in hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not exported)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ConversationStore</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not deleted because it cannot be read (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is being saved by another program (%2, process %3); try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: cannot create the lock file %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not saved over because the file there cannot be read (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not saved over because a copy of its older format could not be made at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk took no more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::EngineSettings</name>
    <message>
        <source>no model is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the profile name must be non-empty and must not contain &apos;/&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max attempts must be between 1 and 100 (got %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retry delays must not be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the maximum retry delay (%1 ms) is below the base delay (%2 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeouts must not be negative (0 turns one off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the breaker threshold must be at least 1 (got %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the breaker recovery time must not be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the compression threshold must not be negative (0 turns compression off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compressing below 1,000 tokens would summarise almost every message (got %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep at least the 2 most recent messages word for word (got %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no summary model is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the breaker needs at least one successful probe to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the API version is empty (use e.g. %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max tokens must be between 1 and 1000000, or 0 for the model&apos;s largest (got %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a model id (a fallback model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 fallback models are tried (got %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::GuardedCall</name>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer stalled: no data for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the total time limit of %1 s passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (stopped retrying: waiting %1 s more would pass the total time limit of %2 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the total time limit passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::JsonCall</name>
    <message>
        <source>the answer is larger than %1 MiB; stopped reading it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer is not a JSON object (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::JsonFieldReader</name>
    <message>
        <source>the field %1 should be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 should be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is %2; it should be a whole number from %3 to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is %2; it should be a number of 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 is &quot;%2&quot;, which is not a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 should be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 should be text or null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 should be a list of text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1[%2] should be text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::MessageAssembler</name>
    <message>
        <source>the answer grew past %1 MiB; stopped reading it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream carried invalid JSON in a &apos;%1&apos; event (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second message_start arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; arrived before message_start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; arrived after message_stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content block %1 started out of order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a delta arrived for content block %1, which is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content block %1 stopped but was not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream ended before the message began</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream ended before message_stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer has more than %1 content blocks; stopped reading it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 arrived for content block %2, which is a %3 block</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::MessageBatchJob</name>
    <message>
        <source>the batch was created without an id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the batch returned no result for this request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request was %1 by the Batches API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (batch %1 may still be running on the server)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::MessageRequest</name>
    <message>
        <source>no model is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max tokens must be at least 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no message to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the conversation must start with a user message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown role &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 message is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the thinking budget (%1 tokens) must be at least %2 and below max tokens (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only your own messages can carry files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the attached file “%1” has no content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the attached file “%1” is of a type the API does not take (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::MessageStream</name>
    <message>
        <source>the server answered HTTP %1 but not with an event stream (content-type &apos;%2&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an event in the stream was larger than %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection broke in the middle of the answer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server answered HTTP %1, but its headers were too many or too large to read (the limit is 100 header lines); a proxy in between may be adding them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server compressed the event stream as &apos;%1&apos;, which Breakwater cannot read (it asked for no compression; a proxy in between may be compressing it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the compressed event stream is damaged (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::PriceTable</name>
    <message>
        <source>The price file %1 was not used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no &quot;models&quot; object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model %1 needs numeric &quot;input&quot; and &quot;output&quot; (USD per million tokens, 0 to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number from 0 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::PromptCache</name>
    <message>
        <source>&apos;%1&apos; is not a prompt cache setting: use off, 5m or 1h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::RegularFile</name>
    <message>
        <source>a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a FIFO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a character device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a block device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2, not a regular file: Breakwater reads and writes only regular files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB, the most Breakwater reads of one file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>something else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a symbolic link (to %2): Breakwater does not write through links. Choose a file that is not a link</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::RequestPreparer</name>
    <message>
        <source>“%1” is not in the attachment store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDFs of this conversation have %1 pages together; the API reads at most %2 in one request. Nothing was sent. Start a new conversation for another PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with its attachments the request would be %1 MB; the API takes at most %2 MB. Nothing was sent. Remove an attachment, or start a new conversation (earlier files go with every turn).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this conversation has %1 images; the API takes at most %2 in one request. Nothing was sent. Start a new conversation for more images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an attached file could not be read while the request was made; nothing was sent. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file of this message cannot be read: %1. Nothing was sent; attach the file again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::RetryPolicy</name>
    <message numerus="yes">
        <source> (gave up after %n attempts)</source>
        <translation>
            <numerusform> (gave up after %n attempt)</numerusform>
            <numerusform> (gave up after %n attempts)</numerusform>
        </translation>
    </message>
    <message>
        <source>the server asked to wait %1 s before retrying, longer than the %2 s this client waits by itself (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server asked to wait more than %1 s before retrying, longer than the %2 s this client waits by itself (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::SettingsStore</name>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting %1: %2; using %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting %1 is &apos;%2&apos;, but it must be %3; using %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file %1 could not be read; using defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting retry/maxDelayMs is below retry/baseDelayMs; using the base delay for both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting compression/compressAtTokens is below 1000; compression is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid profile name (letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting chat/thinking is &apos;%1&apos;, which is not off, adaptive, default or a budget of at least 1024 tokens; using the model&apos;s default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting %1 is &apos;%2&apos;, which is not off, 5m or 1h; using 5m.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an amount of USD from 0 (none) to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting %1 names &apos;%2&apos;, which is not a model id; it is left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting %1 names %2 models, but at most %3 are tried; the first %3 are used.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::SpendBudgets</name>
    <message>
        <source>the daily budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the monthly budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the budget per conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an amount from 0 (none) to %2 USD</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::SpendMeter</name>
    <message>
        <source>Usage was not recorded in the ledger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The usage ledger cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No price is known for %1: its requests count $0 against your budgets (prices can be added in %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ThinkingConfig</name>
    <message>
        <source>%1 does not think before answering; thinking is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 always thinks; thinking cannot be turned off for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a thinking budget, not an effort: %2 tokens for &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes an effort, not a thinking budget: &apos;%2&apos; for %3 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no effort &apos;%2&apos;; using &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a thinking budget needs max tokens above %1; thinking is left to the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the thinking budget must be from %1 to below max tokens (%2): using %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a thinking setting: use off, adaptive, default or a budget of at least %2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::UsageLedger</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a symbolic link: Breakwater does not read or write through links</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::AttachmentChip</name>
    <message>
        <source>Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the image at its original size instead (more tokens; the API scales large images down anyway)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this file from the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored copy of this file is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>scaled from %1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pages unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::AttachmentTray</name>
    <message>
        <source>Attachments&apos; cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted image %1.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) · about %1 tokens (estimated) · %2 at %3&apos;s input price · %4 to send</source>
        <translation>
            <numerusform>%n file · about %1 tokens (estimated) · %2 at %3&apos;s input price · %4 to send</numerusform>
            <numerusform>%n files · about %1 tokens (estimated) · %2 at %3&apos;s input price · %4 to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) · %1 tokens (count_tokens) · %2 at %3&apos;s input price · %4 to send</source>
        <translation>
            <numerusform>%n file · %1 tokens (count_tokens) · %2 at %3&apos;s input price · %4 to send</numerusform>
            <numerusform>%n files · %1 tokens (count_tokens) · %2 at %3&apos;s input price · %4 to send</numerusform>
        </translation>
    </message>
    <message>
        <source>Files Claude reads (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::BatchWindow</name>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the limit automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch — Breakwater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load prompts from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise the number of calls at once while they succeed; lower it on 429, overload and timeouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed concurrency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts and their results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls allowed at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency limit over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no prompts: write one per line, or load a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · paused for the server&apos;s hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected prompt and its answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a row to read its whole answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 done, %3 failed · %4 at once · %5 rate-limited (429)%6 · %7 spent%8</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::BreakerIndicator</name>
    <message>
        <source>Circuit breaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker open — next try in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker half-open — testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next request is a test: if it succeeds the breaker closes, if it fails it opens again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Requests flow normally. %n failure(s) in a row so far; it opens at %1.</source>
        <translation>
            <numerusform>Requests flow normally. %n failure in a row so far; it opens at %1.</numerusform>
            <numerusform>Requests flow normally. %n failures in a row so far; it opens at %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The service failed %n time(s) in a row, so requests are paused instead of hammering it. One test request goes out when the countdown ends.</source>
        <translation>
            <numerusform>The service failed %n time in a row, so requests are paused instead of hammering it. One test request goes out when the countdown ends.</numerusform>
            <numerusform>The service failed %n times in a row, so requests are paused instead of hammering it. One test request goes out when the countdown ends.</numerusform>
        </translation>
    </message>
    <message>
        <source>Circuit breaker of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::ChunkedTextView</name>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Code Block</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::Composer</name>
    <message>
        <source>Ask Claude…  (Enter sends · Shift+Enter new line · Esc stops)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message. Enter sends it, Shift+Enter adds a line, Escape stops the answer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::ConversationList</name>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search all conversations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export as Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be opened: %1
It is kept as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1
%n message(s), updated %2</source>
        <translation>
            <numerusform>%1
%n message, updated %2</numerusform>
            <numerusform>%1
%n messages, updated %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::ui::FallbackEditor</name>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask each time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the model is overloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only before the answer&apos;s first word: an answer that has begun is never started over by another model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback models, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the fallback model up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the fallback model down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the fallback model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model to add as a fallback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the fallback model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::FallbackPrompt</name>
    <message>
        <source>Model overloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keeps failing — answer with %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is overloaded — answer with %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing of the answer has arrived yet, so nothing is lost or repeated. The answer will say which model wrote it. Settings → Chat decides whether to ask next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t switch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::MainWindow</name>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Model: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model that answers; the list comes from the API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resilience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakwater conversations (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the conversation as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export as Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the &amp;message box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Breakwater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Breakwater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Breakwater %1&lt;/b&gt;&lt;p&gt;A resilient native desktop client for Claude. It retries with backoff and jitter, honours the server&apos;s retry hints, trips a circuit breaker when the service is sick, ends stalled streams and keeps every word that arrived.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> DEMO · built-in simulator </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers come from Breakwater&apos;s built-in simulator, not from Claude. Enter an API key in Settings to talk to Claude.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer (Esc); what arrived is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakwater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (Demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1” for good? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the answer before you switch versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the answer before you fork.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the answer before you delete a version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this version of the message, and everything that followed it? The other versions stay. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — context %2 tokens, answers up to %3 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context %1%2 of %3 (%4%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1 of the %2 tokens %3 can read: the last answer&apos;s input as the API counted it, plus an estimate of what came since and of your draft%4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (confirmed with count_tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation will not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation is about %1 tokens; %2 reads at most %3. The request would be refused or cut off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compress the older turns into a summary first (the transcript stays whole), or send as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compress and send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not compressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the last answer can go on in a new turn; Retry with a higher limit makes a new version of this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset circuit breakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Usage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent; your message is kept. Budgets are set per profile in Settings → Spending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this one anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer can no longer be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach images, PDFs or text files (or drop them on the window, or paste them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attached files are still being prepared; send when they are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files that cannot be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove these files from the message first:

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files the model does not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not read “%2”. Remove it, or choose a model that reads images and PDFs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too large to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With these files the request would be about %1 MB; the API takes at most %2 MB. Nothing was sent. Remove a file, or start a new conversation (the files of earlier messages are sent again with every message).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::MessageWidget</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claude&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message is folded into the conversation summary that is sent instead of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the whole message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry this answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streaming… (attempt %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in → %2 out tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first token %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attempts</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>Interrupted — the text above is what arrived. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and send again; the answer you have now is kept as a version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate: a new answer to the same prompt; this one is kept as a version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete this version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fork into a new conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending starts a new branch; the old one is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry with a higher limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the model to go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the model, in a new turn, to go on from where it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry this answer with a higher token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new version of this answer with twice the limit (at most the model&apos;s largest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redacted thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thought for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (part redacted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the thinking was encrypted by the service (redacted). It is kept and sent back with later turns, but cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model thought before it answered; kept and sent back with later turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(redacted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% from cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered by %1 — %2 kept failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered by %1 — %2 was overloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was asked instead of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered by %1 — %2 were overloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::ui::ResiliencePanel</name>
    <message>
        <source>Resilience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests left in this minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens left in this minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests left:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens left:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 · %2 · “%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1, request-id %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retry in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting %1 s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waited %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ answered in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent: breaker open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1, partial text kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window resets at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset breakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circuit breakers, one per model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close every circuit breaker now and let requests through again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset circuit breakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other calls (model list, batches)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers: %2 keeps failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers: %2 is overloaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::SettingsDialog</name>
    <message>
        <source>Allow plain http:// to hosts that are not this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First retry delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest backoff delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest server-requested wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit until headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures that open the breaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker recovery time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Successful probes to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compress at tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages kept word for word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a new key to store it in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the stored key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional instructions sent with every request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compress when the context reaches:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep word for word the last:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ummaries are written by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal (a random point in the upper half)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full (anywhere from zero)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts in all:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First retry delay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest backoff delay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait the server may ask for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit until the answer starts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit without data (pings count):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total time limit (0: none):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures in a row that open the breaker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaker stays open for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Successful test requests to close it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resilience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Font size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems with these settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (letters, digits, - _ .):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid profile name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be removed from the keychain when you press OK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key must not contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s largest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The longest answer; lower it to cap cost. Above the chosen model&apos;s largest, its largest is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much the model thinks in new conversations (each conversation can choose its own in the toolbar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;hinking:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt caching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each request marks the conversation so far for the API&apos;s prompt cache: the next request reads it at a tenth of the input price. Writing it costs 1.25× the input price (2× for an hour), so an hour pays off when you come back after more than five minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt &amp;caching:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget per conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For this profile: the models that answer instead, in order, when the model is overloaded before its answer begins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the model is &amp;overloaded:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per &amp;day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per &amp;month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per c&amp;onversation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From 80% of a budget on, Breakwater warns; at 100% it does not send, and asks before it sends one anyway. What was spent is counted in the usage ledger (View → Usage…) from the usage the API reports; a request&apos;s own cost is known only once it is answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budgets of the profile &lt;b&gt;%1&lt;/b&gt; in USD (each profile has its own):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::SimulatorPanel</name>
    <message>
        <source>Simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakwater is talking to its built-in simulator. Choose what happens to the next request, send a message, and watch the panels react.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>429 rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server says: too many requests, retry after 3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>529 overloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API is overloaded; retried with backoff and jitter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>500 server error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An internal server error; retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stall mid-stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer stops arriving; the idle deadline ends it and keeps the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop mid-stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection breaks in the middle of the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six tokens a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burst of 529s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eight failures in a row: enough to open the circuit breaker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget queued faults: the next requests succeed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests the simulator answered:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulator log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next requests: healthy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Next requests: %n scripted fault(s), then healthy.</source>
        <translation>
            <numerusform>Next requests: %n scripted fault, then healthy.</numerusform>
            <numerusform>Next requests: %n scripted faults, then healthy.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cut off (max tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer stops at its token limit: Continue and Retry with a higher limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model declines, with a category and an explanation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context window fills up: compressed and asked again when compression is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model pauses its turn; Breakwater asks it to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stop reason Breakwater does not know: shown by name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redacted thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A thinking block the service encrypted; kept and sent back, not shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overload this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every request to the chosen model gets 529 while the other models answer. With a fallback model in Settings → Chat, the answer goes to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overloaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next requests: healthy, except to %1 (overloaded).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::StatsPanel</name>
    <message>
        <source>Token statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache write / read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost of this answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost of the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per second over the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tok/s (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First thinking token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First answer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— (no thinking)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s, thought for %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 thinking)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache, conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved by caching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 · %3% hit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off (Settings → Prompt caching)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 in all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::SummaryPanel</name>
    <message>
        <source>Compress now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the summary by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the summary: the whole conversation is sent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Compression is on: at %1 tokens of context, all but the %n most recent message(s) are summarised by %2.</source>
        <translation>
            <numerusform>Compression is on: at %1 tokens of context, all but the most recent message are summarised by %2.</numerusform>
            <numerusform>Compression is on: at %1 tokens of context, all but the %n most recent messages are summarised by %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Compression is off: every turn of the conversation is sent with each request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing a summary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No summary yet: every message is sent as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: about %1 → %2 tokens of context, %3 saved per request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s) summarised by %1</source>
        <translation>
            <numerusform>%n earlier message summarised by %1</numerusform>
            <numerusform>%n earlier messages summarised by %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Fold the older turns into the summary now, whatever the size of the conversation (with prompt caching on, the next request writes the cached prompt again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (about $%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next message is likely to compress the conversation (now about %1 of %2 tokens): the cached prompt is then written again, about %3 tokens at the cache write price%4. Later messages read it from the cache again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt is cached. Compressing (at %1 tokens; now about %2) rewrites it once, about %3 tokens at the cache write price%4; until then each request reads the conversation from the cache.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::ThinkingPicker</name>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much the model thinks before it answers, for this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking: model&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking: adaptive, %1 effort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking: up to %1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::TranscriptView</name>
    <message>
        <source>Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask Claude anything. Answers stream in here, with their speed, cost and retries.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bw::ui::UsageWindow</name>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend per profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend per conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage — Breakwater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cost per day, last %n day(s), by model</source>
        <translation>
            <numerusform>Cost per day, last %n day, by model</numerusform>
            <numerusform>Cost per day, last %n days, by model</numerusform>
        </translation>
    </message>
    <message>
        <source>USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost per day by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the usage ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage (Demo) — Breakwater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-shots and batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted or elsewhere (%1…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;: today %2 · this month %3 · all profiles, all time %4 in %n request(s).</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: today %2 · this month %3 · all profiles, all time %4 in %n request.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: today %2 · this month %3 · all profiles, all time %4 in %n requests.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ledger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n damaged line(s) skipped</source>
        <translation>
            <numerusform>%n damaged line skipped</numerusform>
            <numerusform>%n damaged lines skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>Export usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
