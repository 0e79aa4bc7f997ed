/**
 * Red Hat's yaml-language-server (the engine of the YAML extension for VS Code)
 * with Sprintlog's schemas associated exactly as the YAML extension associates
 * them from `contributes.yamlValidation` in package.json: `./` urls become file
 * URIs under the extension folder, patterns without a leading `/` get one, and
 * the association has the "schema association" priority. Schemas are read from
 * disk by the server's own request handler (no network: the schemas must not
 * need one). Documents are real files in a temp folder, addressed by file URI.
 *
 *   const ls = new YamlLs();
 *   const diags = await ls.diagnostics('backlog/backlog.yaml', text);   // written to <tmp>/backlog/backlog.yaml
 *   await ls.completion(path, text, { line, character }); await ls.hover(...)
 *   ls.cleanup();
 *
 * Severity: the language service reports every schema problem as a Warning; the
 * server's validation handler then turns every Warning into an Error before it
 * publishes them, so tests look at messages, not at severities.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageService, SchemaPriority } from 'yaml-language-server/out/server/src/languageservice/yamlLanguageService';
import { workspaceContext } from 'yaml-language-server/out/server/src/languageservice/services/schemaRequestHandler';

const ROOT = path.resolve(__dirname, '../../..');

interface YamlValidation {
  fileMatch: string | string[];
  url: string;
}

/** The YAML extension's `getSchemaAssociations()` for our package.json. */
export function schemaAssociations(root = ROOT): { fileMatch: string[]; uri: string }[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { yamlValidation: YamlValidation[] } };
  return pkg.contributes.yamlValidation.map(({ fileMatch, url }) => ({
    uri: url.startsWith('./') ? pathToFileURL(path.join(root, url)).toString() : url,
    fileMatch: (typeof fileMatch === 'string' ? [fileMatch] : fileMatch).map((fm) => (/^(\w+:\/\/|\/|!)/.test(fm) ? fm : '/' + fm)),
  }));
}

export class YamlLs {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-yamlls-'));
  private readonly service: LanguageService;
  private version = 0;
  /** Every schema URI the server asked for (to prove it needed no network). */
  readonly requested: string[] = [];

  constructor() {
    this.service = getLanguageService({
      schemaRequestService: async (uri) => {
        this.requested.push(uri);
        if (!uri.startsWith('file:')) throw new Error(`schema ${uri} is not a local file`);
        return fs.promises.readFile(new URL(uri), 'utf8');
      },
      workspaceContext,
    });
    this.service.configure({
      validate: true,
      hover: true,
      completion: true,
      yamlVersion: '1.2',
      schemas: schemaAssociations().map((a) => ({ ...a, priority: SchemaPriority.SchemaAssociation })),
    });
  }

  /** Writes `text` to `file` (relative to the temp folder) and returns the document the editor would open. */
  open(file: string, text: string): TextDocument {
    const abs = path.join(this.dir, file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    return TextDocument.create(pathToFileURL(abs).toString(), 'yaml', ++this.version, text);
  }

  diagnostics(file: string, text: string): Promise<Diagnostic[]> {
    return this.service.doValidation(this.open(file, text), false);
  }

  completion(file: string, text: string, at: Position): Promise<CompletionList> {
    return this.service.doComplete(this.open(file, text), at, false);
  }

  hover(file: string, text: string, at: Position): Promise<Hover | null> {
    return this.service.doHover(this.open(file, text), at);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
