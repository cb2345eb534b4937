// cauce's Node-only entry: everything that touches the file system or another Node built-in. The rest of the API is
// in the root entry, `cauce`.
export { ingestFile } from './ingestFile.js';
export { readMappingFile } from './readMappingFile.js';
export { ingestOcdsFile } from './ingestOcdsFile.js';
export { ingestFdpFile } from './ingestFdpFile.js';
