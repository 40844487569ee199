// Starts `mls lsp` for .mls files (the path and debounce come from the settings `mls.path`,
// `mls.debounceMs`).
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('mls');
  const command = config.get('path', 'mls');
  const debounce = String(config.get('debounceMs', 200));
  const server = { command, args: ['lsp', '--debounce', debounce], transport: TransportKind.stdio };
  client = new LanguageClient('mls', 'MLS language server', { run: server, debug: server },
                              { documentSelector: [{ scheme: 'file', language: 'mls' }, { scheme: 'untitled', language: 'mls' }] });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
