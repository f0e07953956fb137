/**
 * The connection to the editor. vscode-languageserver picks the transport from the command line
 * (--node-ipc, --stdio, --socket, --pipe). Over --stdio its reader reports input it cannot read, a
 * missing or malformed Content-Length header above all, to nobody, and then waits in the middle of
 * the stream for ever: a live server that never answers again. So the server makes that reader
 * itself and exits on such input, with a line on stderr; the editor sees the server stop and can
 * start another. (--node-ipc, which the extension uses, carries whole messages: nothing to frame.)
 */
import { Console } from 'node:console';
import { ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection, type Connection } from 'vscode-languageserver/node';

export function createServerConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((error) => {
    process.stderr.write(`tfjs-doctor language server: exiting, the input from the editor is not a readable LSP message: ${error.message.split('\n')[0]}\n`);
    process.exit(1);
  });
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  // What vscode-languageserver does when it makes the stdio transport itself: stdout carries the
  // protocol, so anything logged goes to stderr; and the server ends with its input.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  const exit = (): never => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.once('end', exit);
  process.stdin.once('close', exit);
  return connection;
}
