import type { IncomingMessage, ServerResponse } from 'node:http';

/** The built admin as a Node request handler (adapter-node), for serving it inside another process. */
export declare const handler: (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;
