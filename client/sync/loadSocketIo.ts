/**
 * socket.io's client (the facilitation connection), a chunk of its own: the lobby and the join page
 * never need it, and a workshop page fetches it alongside its other first requests.
 */
export const loadSocketIo = () => import('socket.io-client');
