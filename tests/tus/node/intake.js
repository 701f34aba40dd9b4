// A standard tus 1.0 server as a registry would run it for its intake: @tus/server with
// @tus/file-store, on HTTPS with the reference server's certificate (the client trusts only the
// CA it pinned at enrollment). Usage: node intake.js STORE_DIR KEY_PEM CERT_PEM
// Prints "listening PORT" once it accepts connections; stops on SIGTERM.
'use strict';
const fs = require('fs');
const https = require('https');
const { Server } = require('@tus/server');
const { FileStore } = require('@tus/file-store');

const [dir, key, cert] = process.argv.slice(2);
const tus = new Server({
  path: '/files',
  relativeLocation: true,
  datastore: new FileStore({ directory: dir }),
  // the registry's own check would go here; the reference server checks packet_id and ticket at commit
  async onUploadCreate(req, res, upload) {
    if (!upload.metadata || !upload.metadata.packet_id) {
      throw { status_code: 400, body: 'packet_id metadata required\n' };
    }
    return res;
  },
});
const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
  (req, res) => tus.handle(req, res));
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
