// git's object id of a blob's bytes: how the working tree is compared with a
// commit, and how bytes kept in the disk cache are proven to be the blob they
// stand for.

import * as crypto from 'node:crypto';

/** git's blob id of these bytes (sha1, or sha256 in a sha256 repository: `hexLength` 64). */
export function blobId(data: Buffer, hexLength: number): string {
  const h = crypto.createHash(hexLength === 64 ? 'sha256' : 'sha1');
  h.update(`blob ${data.length}\0`);
  h.update(data);
  return h.digest('hex');
}
