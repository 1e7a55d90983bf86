// The check worker: a Web Worker that runs check(), lint() and step mode off
// the main thread. It answers each request of worker-protocol.ts in order;
// a long check blocks the next request, which is why the client terminates
// the worker to cancel one (check-client.ts).
import { CheckService } from './check-service.ts';
import type { WorkerRequest } from './worker-protocol.ts';

const service = new CheckService(() => performance.now());

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  self.postMessage(service.handle(event.data));
});
