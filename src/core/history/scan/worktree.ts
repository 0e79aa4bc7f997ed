// The working tree as one more pending change on top of HEAD: its backlog
// files (main file at the configured path, archive folder next to it) are
// compared with the head commit's, by git blob id first (unchanged files cost
// one hash), then item by item like a commit.

import * as path from 'node:path';
import { readRegularFile } from '../../parse/regular-file';
import { archiveFilesOnDisk } from '../../parse/backlog-files';
import { blobId } from '../git/blob-id';
import { snapshotOf } from '../engine/replay';
import { counterpart, introduced, type EventList, type FileRef, type Snapshot } from './snapshot';
import type { RunCtx } from '../engine/run-ctx';

export interface DiskFile {
  role: 'main' | 'archive';
  path: string;
  data: Buffer;
}

/** The backlog files on disk under `root` (missing ones are absent). */
export function readDiskFiles(root: string, backlogPath: string): DiskFile[] {
  const out: DiskFile[] = [];
  // Not a regular file (a FIFO would block) or unreadable: absent here; the workspace reports why.
  const read = (rel: string): Buffer | undefined => {
    const r = readRegularFile(path.join(root, rel));
    return r.kind === 'ok' ? r.data : undefined;
  };
  const main = read(backlogPath);
  if (main) out.push({ role: 'main', path: backlogPath, data: main });
  for (const p of archiveFilesOnDisk(root, { backlogPath })) {
    const data = read(p);
    if (data) out.push({ role: 'archive', path: p, data });
  }
  return out;
}

function withoutCR(data: Buffer): Buffer {
  return data.includes(13) ? Buffer.from(data.toString('latin1').replace(/\r\n/g, '\n'), 'latin1') : data;
}

export interface WorktreeChange {
  events: EventList;
  /** The backlog files on disk differ from the head commit's. */
  uncommitted: boolean;
}

/**
 * Events of the working tree relative to the head commit, whose files are
 * `headFiles`. Its snapshot (`headSnapshot`) is built only when a file differs:
 * a clean working tree costs one hash per file and no decoded version.
 */
export async function worktreeChange(ctx: RunCtx, headFiles: FileRef[], headSnapshot: () => Promise<Snapshot>, hexLength: number): Promise<WorktreeChange> {
  const disk = readDiskFiles(ctx.root, ctx.state.backlogPath);
  const refs: FileRef[] = [];
  const data = new Map<string, Promise<Buffer>>();
  let uncommitted = disk.length !== headFiles.length;
  for (const f of disk) {
    const committed = counterpart(headFiles, f);
    let oid = blobId(f.data, hexLength);
    // A checkout with CRLF conversion (core.autocrlf) has other bytes for the same blob.
    if (committed && oid !== committed.oid && blobId(withoutCR(f.data), hexLength) === committed.oid) oid = committed.oid;
    if (!committed || committed.oid !== oid || committed.path !== f.path) uncommitted = true;
    refs.push({ role: f.role, path: f.path, oid, size: f.data.length });
    data.set(oid, Promise.resolve(f.data));
  }
  if (!uncommitted) return { events: [], uncommitted };
  const head = await headSnapshot();
  const snap = await snapshotOf(ctx, undefined, refs, head, data);
  return { events: introduced(snap, [head]), uncommitted };
}
