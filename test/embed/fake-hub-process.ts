/**
 * Child-process entry of `servingHubProcess`: serves a model folder as a fake hub and reports
 * its URL, then each request (before answering it), to the parent over IPC. Ends when the
 * parent disconnects.
 */
import { servingHub } from './fake-hub.js';

const [modelId, folder] = process.argv.slice(2);
if (modelId === undefined || folder === undefined || process.send === undefined) {
  throw new Error('usage: fork fake-hub-process.ts MODEL_ID FOLDER (with an IPC channel)');
}
const send = process.send.bind(process);
const hub = await servingHub(modelId, folder, (request) => send({ request }));
send({ url: hub.url });
process.on('disconnect', () => void hub.close().then(() => process.exit(0)));
