<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Nano::Bundle</name>
    <message>
        <source>E&amp;xport Bundle…</source>
        <translation>Paket e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Open &amp;Bundle…</source>
        <translation>&amp;Paket öffnen…</translation>
    </message>
    <message>
        <source>Run B&amp;undle</source>
        <translation>Pak&amp;et ausführen</translation>
    </message>
    <message>
        <source>&amp;Ask Before Editor Scripts Connect</source>
        <translation>&amp;Nachfragen, bevor Editor-Skripte sich verbinden</translation>
    </message>
    <message>
        <source>The script</source>
        <translation>Das Skript</translation>
    </message>
    <message>
        <source>Export Bundle</source>
        <translation>Paket exportieren</translation>
    </message>
    <message>
        <source>Save the script first: a bundle is made from the saved entry module and the files it imports.</source>
        <translation>Speichern Sie das Skript zuerst: Ein Paket entsteht aus dem gespeicherten Einstiegsmodul und den Dateien, die es importiert.</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Open Bundle</source>
        <translation>Paket öffnen</translation>
    </message>
    <message>
        <source>NANO bundles (*.nanobundle);;All files (*)</source>
        <translation>NANO-Pakete (*.nanobundle);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The bundle was refused; nothing of it ran.

%1</source>
        <translation>Das Paket wurde abgewiesen; nichts davon wurde ausgeführt.

%1</translation>
    </message>
    <message>
        <source>Bundle %1</source>
        <translation>Paket %1</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <source>Entry module:</source>
        <translation>Einstiegsmodul:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>NANO version:</source>
        <translation>NANO-Version:</translation>
    </message>
    <message>
        <source>Network permissions:</source>
        <translation>Netzwerkberechtigungen:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Every file&apos;s size and SHA-256 match the manifest.</source>
        <translation>Größe und SHA-256 jeder Datei stimmen mit dem Manifest überein.</translation>
    </message>
    <message>
        <source>&amp;Run Bundle</source>
        <translation>Paket &amp;ausführen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>One origin per line, e.g. https://example.com</source>
        <translation>Ein Origin pro Zeile, z. B. https://example.com</translation>
    </message>
    <message>
        <source>Add File…</source>
        <translation>Datei hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>&amp;Entry module:</source>
        <translation>&amp;Einstiegsmodul:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Network &amp;permissions:</source>
        <translation>Netzwerkbe&amp;rechtigungen:</translation>
    </message>
    <message>
        <source>E&amp;xtra files:</source>
        <translation>&amp;Zusätzliche Dateien:</translation>
    </message>
    <message>
        <source>Files in the bundle:</source>
        <translation>Dateien im Paket:</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>&amp;Speichern unter:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <source>Entry Module</source>
        <translation>Einstiegsmodul</translation>
    </message>
    <message>
        <source>JavaScript (*.js *.mjs);;All files (*)</source>
        <translation>JavaScript (*.js *.mjs);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save Bundle</source>
        <translation>Paket speichern</translation>
    </message>
    <message>
        <source>NANO bundles (*.nanobundle)</source>
        <translation>NANO-Pakete (*.nanobundle)</translation>
    </message>
    <message>
        <source>Extra Files</source>
        <translation>Zusätzliche Dateien</translation>
    </message>
    <message>
        <source>Choose the entry module.</source>
        <translation>Wählen Sie das Einstiegsmodul.</translation>
    </message>
    <message>
        <source>Choose where to save the bundle.</source>
        <translation>Wählen Sie, wo das Paket gespeichert werden soll.</translation>
    </message>
    <message>
        <source>Network Permission</source>
        <translation>Netzwerkberechtigung</translation>
    </message>
    <message>
        <source>&lt;b&gt;Allow this script to connect to %1?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Diesem Skript erlauben, sich mit %1 zu verbinden?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 wants to fetch from %2, which its permissions do not include. The request waits for your answer.</source>
        <translation>%1 möchte von %2 laden, was seine Berechtigungen nicht umfassen. Die Anfrage wartet auf Ihre Antwort.</translation>
    </message>
    <message>
        <source>&amp;Once</source>
        <translation>&amp;Einmal</translation>
    </message>
    <message>
        <source>&amp;Always for this bundle</source>
        <translation>&amp;Immer für dieses Paket</translation>
    </message>
    <message>
        <source>&amp;Always for this script</source>
        <translation>&amp;Immer für dieses Skript</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>&amp;Ablehnen</translation>
    </message>
</context>
<context>
    <name>Nano::Console</name>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>Clear the console</source>
        <translation>Konsole leeren</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Show or hide %1</source>
        <translation>%1 ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtern</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s) dropped</source>
        <translation>
            <numerusform>%n frühere Meldung verworfen</numerusform>
            <numerusform>%n frühere Meldungen verworfen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, line %2, column %3 (click to show in the editor)</source>
        <translation>%1, Zeile %2, Spalte %3 (Klick zeigt die Stelle im Editor)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Evaluate an expression in the last run&apos;s context</source>
        <translation>Ausdruck im Kontext des letzten Laufs auswerten</translation>
    </message>
    <message numerus="yes">
        <source>… %n more row(s)</source>
        <translation>
            <numerusform>… %n weitere Zeile</numerusform>
            <numerusform>… %n weitere Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>Als &amp;JSON kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;All</source>
        <translation>&amp;Alles kopieren</translation>
    </message>
    <message>
        <source>&amp;Save Console Output…</source>
        <translation>Konsolenausgabe &amp;speichern…</translation>
    </message>
    <message>
        <source>C&amp;lear Console</source>
        <translation>Konsole &amp;leeren</translation>
    </message>
    <message>
        <source>Store as &amp;Global Variable</source>
        <translation>Als &amp;globale Variable speichern</translation>
    </message>
    <message>
        <source>Run %1 · %2</source>
        <translation>Lauf %1 · %2</translation>
    </message>
    <message>
        <source>Run %1 · %2 · %3</source>
        <translation>Lauf %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Could not save the console output to %1: %2</source>
        <translation>Die Konsolenausgabe konnte nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Save Console Output</source>
        <translation>Konsolenausgabe speichern</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Copy as JSON: %1</source>
        <translation>Als JSON kopieren: %1</translation>
    </message>
    <message>
        <source>Clear on run</source>
        <translation>Bei Ausführung leeren</translation>
    </message>
    <message>
        <source>Clear the console when a run starts; when off, a separator row marks where each run begins</source>
        <translation>Die Konsole beim Start eines Laufs leeren; ist dies aus, markiert eine Trennzeile den Beginn jedes Laufs</translation>
    </message>
</context>
<context>
    <name>Nano::Editor</name>
    <message>
        <source>Save failed</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Speichern unter</translation>
    </message>
    <message>
        <source>JavaScript files (*.js *.mjs);;All files (*)</source>
        <translation>JavaScript-Dateien (*.js *.mjs);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriges</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächstes</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>Alle ersetzen</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <source>%1 buffers have unsaved changes. Save them?</source>
        <translation>%1 Puffer haben ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Alle speichern</translation>
    </message>
    <message>
        <source>Discard All</source>
        <translation>Alle verwerfen</translation>
    </message>
</context>
<context>
    <name>Nano::Memory</name>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Collect garbage</source>
        <translation>Speicher bereinigen</translation>
    </message>
    <message>
        <source>Force a full garbage collection in the running script</source>
        <translation>Eine vollständige Garbage Collection im laufenden Skript erzwingen</translation>
    </message>
    <message>
        <source>Save heap snapshot…</source>
        <translation>Heap-Snapshot speichern…</translation>
    </message>
    <message>
        <source>Write a .heapsnapshot file that Chrome DevTools can open</source>
        <translation>Eine .heapsnapshot-Datei schreiben, die Chrome DevTools öffnen kann</translation>
    </message>
    <message>
        <source>Scale to heap limit</source>
        <translation>Bis zum Heap-Limit skalieren</translation>
    </message>
    <message>
        <source>Fit the heap limit into the chart</source>
        <translation>Das Heap-Limit ins Diagramm einpassen</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <source>Used heap</source>
        <translation>Belegter Heap</translation>
    </message>
    <message>
        <source>Total heap</source>
        <translation>Gesamter Heap</translation>
    </message>
    <message>
        <source>External</source>
        <translation>Extern</translation>
    </message>
    <message>
        <source>Heap limit</source>
        <translation>Heap-Limit</translation>
    </message>
    <message>
        <source>No samples yet: run a script.</source>
        <translation>Noch keine Messwerte: Starten Sie ein Skript.</translation>
    </message>
    <message>
        <source>Used %1 of %2, external %3, limit %4</source>
        <translation>Belegt %1 von %2, extern %3, Limit %4</translation>
    </message>
    <message>
        <source>Save Heap Snapshot</source>
        <translation>Heap-Snapshot speichern</translation>
    </message>
    <message>
        <source>Heap snapshots (*.heapsnapshot)</source>
        <translation>Heap-Snapshots (*.heapsnapshot)</translation>
    </message>
    <message>
        <source>Heap snapshot saved to %1</source>
        <translation>Heap-Snapshot gespeichert unter %1</translation>
    </message>
    <message>
        <source>Could not save the heap snapshot: %1</source>
        <translation>Der Heap-Snapshot konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>Physisch</translation>
    </message>
    <message>
        <source>ArrayBuffers</source>
        <translation>ArrayBuffer</translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation>Blobs</translation>
    </message>
    <message>
        <source>Crypto keys</source>
        <translation>Krypto-Schlüssel</translation>
    </message>
    <message>
        <source>Fetch bodies</source>
        <translation>Fetch-Inhalte</translation>
    </message>
    <message>
        <source>Stream queues</source>
        <translation>Stream-Warteschlangen</translation>
    </message>
    <message>
        <source>Outside the heap: nothing</source>
        <translation>Außerhalb des Heaps: nichts</translation>
    </message>
    <message>
        <source>Outside the heap: %1</source>
        <translation>Außerhalb des Heaps: %1</translation>
    </message>
    <message>
        <source>After the run, collected: used %1 of %2</source>
        <translation>Nach dem Lauf, bereinigt: %1 von %2 belegt</translation>
    </message>
    <message>
        <source>Out of memory: the run was stopped at its heap limit of %1.</source>
        <translation>Speicher erschöpft: Der Lauf wurde an seinem Heap-Limit von %1 angehalten.</translation>
    </message>
    <message>
        <source>Last sample: used %1 of %2. The run&apos;s heap has been freed.</source>
        <translation>Letzte Messung: %1 von %2 belegt. Der Heap des Laufs wurde freigegeben.</translation>
    </message>
    <message>
        <source>read only</source>
        <translation>schreibgeschützt</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>old</source>
        <translation>alt</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>map</source>
        <translation>Maps</translation>
    </message>
    <message>
        <source>large object</source>
        <translation>große Objekte</translation>
    </message>
    <message>
        <source>code large object</source>
        <translation>großer Code</translation>
    </message>
    <message>
        <source>new large object</source>
        <translation>neue große Objekte</translation>
    </message>
</context>
<context>
    <name>Nano::Network</name>
    <message>
        <source>Copy &amp;URL</source>
        <translation>&amp;URL kopieren</translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation>Als c&amp;URL kopieren</translation>
    </message>
    <message>
        <source>Copy as &amp;fetch</source>
        <translation>Als &amp;fetch kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Response</source>
        <translation>&amp;Antwort kopieren</translation>
    </message>
    <message>
        <source>&amp;Save Response Body…</source>
        <translation>Antwortinhalt &amp;speichern…</translation>
    </message>
    <message>
        <source>Re&amp;send</source>
        <translation>Erneut &amp;senden</translation>
    </message>
    <message>
        <source>&amp;Export HAR…</source>
        <translation>HAR &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export Selected as &amp;HAR…</source>
        <translation>Auswahl als &amp;HAR exportieren…</translation>
    </message>
    <message>
        <source>&amp;Import HAR…</source>
        <translation>HAR &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Import or export HAR files</source>
        <translation>HAR-Dateien importieren oder exportieren</translation>
    </message>
    <message>
        <source>The response body of %1 was not kept.</source>
        <translation>Der Antwortinhalt von %1 wurde nicht aufbewahrt.</translation>
    </message>
    <message>
        <source>Save Response Body</source>
        <translation>Antwortinhalt speichern</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved the first %1 of the body: the rest was not kept.</source>
        <translation>Die ersten %1 des Inhalts wurden gespeichert: Der Rest wurde nicht aufbewahrt.</translation>
    </message>
    <message>
        <source>Export HAR</source>
        <translation>HAR exportieren</translation>
    </message>
    <message>
        <source>HAR files (*.har);;All files (*)</source>
        <translation>HAR-Dateien (*.har);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not export %1: %2</source>
        <translation>%1 konnte nicht exportiert werden: %2</translation>
    </message>
    <message>
        <source>Export Selected as HAR</source>
        <translation>Auswahl als HAR exportieren</translation>
    </message>
    <message>
        <source>Import HAR</source>
        <translation>HAR importieren</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Nutzdaten</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Zeitablauf</translation>
    </message>
    <message>
        <source>Redirects</source>
        <translation>Weiterleitungen</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Hop</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Request URL</source>
        <translation>Anfrage-URL</translation>
    </message>
    <message>
        <source>Request method</source>
        <translation>Anfragemethode</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>Entfernte Adresse</translation>
    </message>
    <message>
        <source>Initiator</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Imported from a HAR file</source>
        <translation>Aus einer HAR-Datei importiert</translation>
    </message>
    <message>
        <source>Response Headers</source>
        <translation>Antwort-Header</translation>
    </message>
    <message>
        <source>Request Headers</source>
        <translation>Anfrage-Header</translation>
    </message>
    <message>
        <source>Query String Parameters</source>
        <translation>Query-String-Parameter</translation>
    </message>
    <message>
        <source>Form Data</source>
        <translation>Formulardaten</translation>
    </message>
    <message>
        <source>No request body.</source>
        <translation>Kein Anfrageinhalt.</translation>
    </message>
    <message>
        <source>The request body (%1) was not kept.</source>
        <translation>Der Anfrageinhalt (%1) wurde nicht aufbewahrt.</translation>
    </message>
    <message>
        <source>Body not kept: it passed while the network inspector was not listening, or it was dropped to keep the log within its bound.</source>
        <translation>Inhalt nicht aufbewahrt: Er kam, als der Netzwerk-Inspektor nicht zuhörte, oder er wurde verworfen, damit das Protokoll seine Grenze einhält.</translation>
    </message>
    <message>
        <source>Body not kept whole: only its first %1 of %2 are shown.</source>
        <translation>Inhalt nicht vollständig aufbewahrt: Nur die ersten %1 von %2 werden gezeigt.</translation>
    </message>
    <message>
        <source>This request has no response data.</source>
        <translation>Diese Anfrage hat keine Antwortdaten.</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
    <message>
        <source>(root)</source>
        <translation>(Wurzel)</translation>
    </message>
    <message>
        <source>… %1 more bytes</source>
        <translation>… %1 weitere Bytes</translation>
    </message>
    <message>
        <source>Filter URLs</source>
        <translation>URLs filtern</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>status filter button</comment>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Show successful responses (2xx)</source>
        <translation>Erfolgreiche Antworten zeigen (2xx)</translation>
    </message>
    <message>
        <source>Show redirects (3xx)</source>
        <translation>Weiterleitungen zeigen (3xx)</translation>
    </message>
    <message>
        <source>Show client errors (4xx)</source>
        <translation>Client-Fehler zeigen (4xx)</translation>
    </message>
    <message>
        <source>Show server errors (5xx)</source>
        <translation>Server-Fehler zeigen (5xx)</translation>
    </message>
    <message>
        <source>Show failed and aborted requests</source>
        <translation>Fehlgeschlagene und abgebrochene Anfragen zeigen</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>Medien</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
    <message>
        <source>Preserve log</source>
        <translation>Protokoll behalten</translation>
    </message>
    <message>
        <source>Keep the requests of earlier runs</source>
        <translation>Die Anfragen früherer Läufe behalten</translation>
    </message>
    <message>
        <source>Requests: %1</source>
        <translation>Anfragen: %1</translation>
    </message>
    <message>
        <source>Requests: %1 of %2</source>
        <translation>Anfragen: %1 von %2</translation>
    </message>
    <message>
        <source>%1 · %2 transferred · %3 resources · Finish: %4</source>
        <translation>%1 · %2 übertragen · %3 Ressourcen · Ende: %4</translation>
    </message>
    <message>
        <source>%1 (imported)</source>
        <translation>%1 (importiert)</translation>
    </message>
    <message>
        <source>%1 — click to show the line</source>
        <translation>%1 — klicken, um die Zeile zu zeigen</translation>
    </message>
    <message>
        <source>%1 transferred, %2 decoded</source>
        <translation>%1 übertragen, %2 dekodiert</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Waterfall</source>
        <translation>Wasserfall</translation>
    </message>
    <message>
        <source>(failed)</source>
        <translation>(Fehler)</translation>
    </message>
    <message>
        <source>(failed) %1</source>
        <translation>(Fehler) %1</translation>
    </message>
    <message>
        <source>(aborted)</source>
        <translation>(abgebrochen)</translation>
    </message>
    <message>
        <source>(pending)</source>
        <translation>(ausstehend)</translation>
    </message>
    <message>
        <source>Aborted: %1</source>
        <translation>Abgebrochen: %1</translation>
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
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>No timing yet.</source>
        <translation>Noch keine Zeiten.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <source>Request sent</source>
        <translation>Anfrage gesendet</translation>
    </message>
    <message>
        <source>Waiting for server response</source>
        <translation>Warten auf die Serverantwort</translation>
    </message>
    <message>
        <source>Content download</source>
        <translation>Inhalt herunterladen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>Nano::Streams</name>
    <message>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove every stream from the list</source>
        <translation>Alle Streams aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Preserve finished streams</source>
        <translation>Beendete Streams behalten</translation>
    </message>
    <message>
        <source>Keep closed, errored and collected streams in the list instead of letting them fade out</source>
        <translation>Geschlossene, fehlgeschlagene und eingesammelte Streams in der Liste behalten, statt sie ausblenden zu lassen</translation>
    </message>
    <message>
        <source>Select a stream to see its queue size over the run.</source>
        <translation>Einen Stream auswählen, um seine Warteschlangengröße über den Lauf zu sehen.</translation>
    </message>
    <message>
        <source>Queue size of %1 over the run (seconds)</source>
        <translation>Warteschlangengröße von %1 über den Lauf (Sekunden)</translation>
    </message>
    <message>
        <source>No streams yet: run a script that uses streams.</source>
        <translation>Noch keine Streams: ein Skript ausführen, das Streams verwendet.</translation>
    </message>
    <message numerus="yes">
        <source>%n live stream(s)</source>
        <translation>
            <numerusform>%n aktiver Stream</numerusform>
            <numerusform>%n aktive Streams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n under backpressure</source>
        <translation>
            <numerusform>%n mit Gegendruck</numerusform>
            <numerusform>%n mit Gegendruck</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with a growing queue</source>
        <translation>
            <numerusform>%n mit wachsender Warteschlange</numerusform>
            <numerusform>%n mit wachsender Warteschlange</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not shown (list full)</source>
        <translation>
            <numerusform>%n nicht angezeigt (Liste voll)</numerusform>
            <numerusform>%n nicht angezeigt (Liste voll)</numerusform>
        </translation>
    </message>
    <message>
        <source>readable</source>
        <translation>lesbar</translation>
    </message>
    <message>
        <source>readable (bytes)</source>
        <translation>lesbar (Bytes)</translation>
    </message>
    <message>
        <source>writable</source>
        <translation>schreibbar</translation>
    </message>
    <message>
        <source>transform, readable side</source>
        <translation>Transform, lesbare Seite</translation>
    </message>
    <message>
        <source>transform, writable side</source>
        <translation>Transform, schreibbare Seite</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>errored</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>erroring</source>
        <translation>schlägt fehl</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 chunks/s</source>
        <translation>%1 Chunks/s</translation>
    </message>
    <message>
        <source>collected</source>
        <translation>eingesammelt</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n chunk(s)</source>
        <translation>
            <numerusform>%1 in %n Chunk</numerusform>
            <numerusform>%1 in %n Chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n Chunk</numerusform>
            <numerusform>%n Chunks</numerusform>
        </translation>
    </message>
    <message>
        <source>Its queue grew in each of the last %1 snapshots and is above its high-water mark: this tee branch is read more slowly than the other one, and tee keeps every chunk for it until it catches up (or is cancelled).</source>
        <translation>Seine Warteschlange ist in jedem der letzten %1 Schnappschüsse gewachsen und liegt über der Hochwassermarke: Dieser tee-Zweig wird langsamer gelesen als der andere, und tee hält jeden Chunk für ihn zurück, bis er aufholt (oder abgebrochen wird).</translation>
    </message>
    <message>
        <source>Its queue grew in each of the last %1 snapshots and is above its high-water mark: chunks arrive faster than they are read.</source>
        <translation>Seine Warteschlange ist in jedem der letzten %1 Schnappschüsse gewachsen und liegt über der Hochwassermarke: Chunks kommen schneller an, als sie gelesen werden.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Collected by the garbage collector: nothing refers to it any more.</source>
        <translation>Vom Garbage Collector eingesammelt: Nichts verweist mehr darauf.</translation>
    </message>
    <message>
        <source>Made at %1:%2 (click to open)</source>
        <translation>Erzeugt in %1:%2 (zum Öffnen klicken)</translation>
    </message>
    <message>
        <source>Backpressure: the queue is at or above its high-water mark, so the stream asks its producer to wait.</source>
        <translation>Gegendruck: Die Warteschlange hat ihre Hochwassermarke erreicht, daher bittet der Stream seinen Erzeuger zu warten.</translation>
    </message>
    <message>
        <source>The high-water mark minus the queue&apos;s size.</source>
        <translation>Die Hochwassermarke minus die Größe der Warteschlange.</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>Erzeugt in</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>Chunks</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>desiredSize</source>
        <translation>desiredSize</translation>
    </message>
    <message>
        <source>HWM</source>
        <translation>HWM</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Durchgelaufen</translation>
    </message>
    <message>
        <source>Chunks in the queue</source>
        <translation>Chunks in der Warteschlange</translation>
    </message>
    <message>
        <source>The queue&apos;s total size, by the queuing strategy</source>
        <translation>Gesamtgröße der Warteschlange laut Queuing-Strategie</translation>
    </message>
    <message>
        <source>The high-water mark minus the queue&apos;s size; at or below 0 the stream applies backpressure</source>
        <translation>Die Hochwassermarke minus die Größe der Warteschlange; bei 0 oder darunter übt der Stream Gegendruck aus</translation>
    </message>
    <message>
        <source>High-water mark of the queuing strategy</source>
        <translation>Hochwassermarke (high-water mark) der Queuing-Strategie</translation>
    </message>
    <message>
        <source>Bytes (or chunks) passed per second, over the last second</source>
        <translation>Bytes (oder Chunks) pro Sekunde, über die letzte Sekunde</translation>
    </message>
    <message>
        <source>Bytes and chunks read from it (or written to its sink) so far</source>
        <translation>Bisher daraus gelesene (oder in seine Senke geschriebene) Bytes und Chunks</translation>
    </message>
    <message>
        <source>tee branch %1 of #%2</source>
        <translation>tee-Zweig %1 von #%2</translation>
    </message>
    <message>
        <source>readable side of %1</source>
        <translation>lesbare Seite von %1</translation>
    </message>
    <message>
        <source>writable side of %1</source>
        <translation>schreibbare Seite von %1</translation>
    </message>
</context>
<context>
    <name>Nano::Workbench</name>
    <message>
        <source>Timers and Microtask Order</source>
        <translation>Timer und Reihenfolge der Microtasks</translation>
    </message>
    <message>
        <source>Console Formatting</source>
        <translation>Konsolenformatierung</translation>
    </message>
    <message>
        <source>Memory Growth</source>
        <translation>Speicherwachstum</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>NANO Workbench</source>
        <translation>NANO Workbench</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>A&amp;usführen</translation>
    </message>
    <message>
        <source>Run the current buffer (F5, Ctrl+R)</source>
        <translation>Den aktuellen Puffer ausführen (F5, Strg+R)</translation>
    </message>
    <message>
        <source>Run &amp;Selection</source>
        <translation>Au&amp;swahl ausführen</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Stop the running script (Shift+F5)</source>
        <translation>Das laufende Skript stoppen (Umschalt+F5)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Example</source>
        <translation>&amp;Beispiel öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>Tab s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>&amp;Find and Replace…</source>
        <translation>&amp;Suchen und Ersetzen…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>&amp;Weitersuchen</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>&amp;Rückwärts suchen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Inspectors</source>
        <translation>&amp;Inspektoren</translation>
    </message>
    <message>
        <source>&amp;Clear Console</source>
        <translation>Konsole &amp;leeren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About NANO Workbench</source>
        <translation>Ü&amp;ber NANO Workbench</translation>
    </message>
    <message>
        <source>Finished in %1</source>
        <translation>Beendet nach %1</translation>
    </message>
    <message>
        <source>Exited with code %1 after %2</source>
        <translation>Mit Code %1 beendet nach %2</translation>
    </message>
    <message>
        <source>Stopped after %1</source>
        <translation>Gestoppt nach %1</translation>
    </message>
    <message>
        <source>Timed out after %1</source>
        <translation>Zeitüberschreitung nach %1</translation>
    </message>
    <message>
        <source>Failed after %1</source>
        <translation>Fehlgeschlagen nach %1</translation>
    </message>
    <message>
        <source>Out of memory after %1</source>
        <translation>Speicher erschöpft nach %1</translation>
    </message>
    <message>
        <source>%1 is not open</source>
        <translation>%1 ist nicht geöffnet</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Restore unsaved work</source>
        <translation>Ungespeicherte Arbeit wiederherstellen</translation>
    </message>
    <message>
        <source>NANO Workbench did not close normally last time. Restore the unsaved buffers?

%1</source>
        <translation>NANO Workbench wurde beim letzten Mal nicht normal beendet. Die ungespeicherten Puffer wiederherstellen?

%1</translation>
    </message>
    <message>
        <source>Open failed</source>
        <translation>Öffnen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>JavaScript files (*.js *.mjs);;All files (*)</source>
        <translation>JavaScript-Dateien (*.js *.mjs);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>The language changes when NANO Workbench starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von NANO Workbench.</translation>
    </message>
    <message>
        <source>About NANO Workbench</source>
        <translation>Über NANO Workbench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;NANO Workbench %1&lt;/h3&gt;&lt;p&gt;A JavaScript workbench on V8: write and run scripts, watch the console and the engine&apos;s memory.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;NANO Workbench %1&lt;/h3&gt;&lt;p&gt;Eine JavaScript-Werkbank auf V8: Skripte schreiben und ausführen, Konsole und Speicher der Engine beobachten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A JavaScript workbench on V8.</source>
        <translation>Eine JavaScript-Werkbank auf V8.</translation>
    </message>
    <message>
        <source>Run the first file once it is open.</source>
        <translation>Die erste Datei nach dem Öffnen ausführen.</translation>
    </message>
    <message>
        <source>URL Manipulation</source>
        <translation>URLs bearbeiten</translation>
    </message>
    <message>
        <source>WebCrypto Sign and Verify</source>
        <translation>WebCrypto: Signieren und Prüfen</translation>
    </message>
    <message>
        <source>Streams: Tee, Pipes and Compression</source>
        <translation>Streams: Tee, Pipes und Kompression</translation>
    </message>
    <message>
        <source>structuredClone</source>
        <translation>structuredClone</translation>
    </message>
    <message>
        <source>The script was inside one long built-in call that cannot be interrupted, so its engine was set aside (its memory is freed when that call returns). The next run and the console&apos;s input line start in a fresh context.</source>
        <translation>Das Skript war in einem langen eingebauten Aufruf, der sich nicht unterbrechen lässt; seine Engine wurde daher beiseitegestellt (ihr Speicher wird frei, sobald dieser Aufruf zurückkehrt). Der nächste Lauf und die Eingabezeile der Konsole beginnen in einem neuen Kontext.</translation>
    </message>
    <message>
        <source>an unknown location</source>
        <translation>einer unbekannten Stelle</translation>
    </message>
    <message>
        <source>Run ended: unhandled rejection at %1</source>
        <translation>Lauf beendet: nicht behandelte Zurückweisung bei %1</translation>
    </message>
    <message>
        <source>The last run exhausted the JavaScript heap and NANO Workbench had to close.</source>
        <translation>Der letzte Lauf hat den JavaScript-Heap erschöpft, und NANO Workbench musste sich schließen.</translation>
    </message>
    <message>
        <source>Unsaved buffers restored: %1.</source>
        <translation>Wiederhergestellte ungespeicherte Puffer: %1.</translation>
    </message>
    <message>
        <source>JavaScript heap exhausted</source>
        <translation>JavaScript-Heap erschöpft</translation>
    </message>
    <message>
        <source>A script used more memory than the heap limit allows, in a single step too large to stop cleanly. Reduce what it keeps alive, or raise the limit with --max-heap-mb.</source>
        <translation>Ein Skript hat mehr Speicher belegt, als das Heap-Limit erlaubt, in einem einzigen Schritt, der zu groß war, um sauber anzuhalten. Verringern Sie, was es am Leben hält, oder erhöhen Sie das Limit mit --max-heap-mb.</translation>
    </message>
    <message>
        <source>The heap limit of each run, in megabytes.</source>
        <translation>Das Heap-Limit jedes Laufs, in Megabyte.</translation>
    </message>
    <message>
        <source>JavaScript files to open (- for standard input).</source>
        <translation>Zu öffnende JavaScript-Dateien (- für die Standardeingabe).</translation>
    </message>
    <message>
        <source>Run stopped: restarted after %1</source>
        <translation>Lauf angehalten: nach %1 neu gestartet</translation>
    </message>
    <message>
        <source>Run stopped by the user after %1</source>
        <translation>Lauf nach %1 vom Benutzer angehalten</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Neu starten</translation>
    </message>
    <message>
        <source>Stop the running script and run the current buffer again (F5, Ctrl+R)</source>
        <translation>Das laufende Skript anhalten und den aktuellen Puffer erneut ausführen (F5, Strg+R)</translation>
    </message>
    <message>
        <source>Streams: Tee with a Slow Branch</source>
        <translation>Streams: tee mit einem langsamen Zweig</translation>
    </message>
    <message>
        <source>Fetch with Progress</source>
        <translation>Fetch mit Fortschrittsanzeige</translation>
    </message>
    <message>
        <source>20 Concurrent Fetches</source>
        <translation>20 gleichzeitige Fetches</translation>
    </message>
    <message>
        <source>Pipe Chain through CompressionStream</source>
        <translation>Pipe-Kette durch CompressionStream</translation>
    </message>
    <message>
        <source>Upload of a Streamed Body</source>
        <translation>Upload eines gestreamten Bodys</translation>
    </message>
    <message>
        <source>Use the Local &amp;Test Server</source>
        <translation>Lokalen &amp;Testserver verwenden</translation>
    </message>
    <message>
        <source>Run scripts with `nanojs serve-test` as their location, so that relative fetch() URLs reach it (started on the next run, stopped at exit)</source>
        <translation>Skripte mit `nanojs serve-test` als location ausführen, damit relative fetch()-URLs ihn erreichen (beim nächsten Lauf gestartet, beim Beenden gestoppt)</translation>
    </message>
    <message>
        <source>Local test server at %1</source>
        <translation>Lokaler Testserver unter %1</translation>
    </message>
    <message>
        <source>Local test server: %1</source>
        <translation>Lokaler Testserver: %1</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>The local test server ended (exit code %1). %2</source>
        <translation>Der lokale Testserver wurde beendet (Exit-Code %1). %2</translation>
    </message>
    <message>
        <source>The local test server printed no URL: %1</source>
        <translation>Der lokale Testserver hat keine URL ausgegeben: %1</translation>
    </message>
</context>
</TS>
