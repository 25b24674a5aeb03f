import { Client, type IMessage } from '@stomp/stompjs';

export type ConnState = 'connecting' | 'connected' | 'offline';

/**
 * The live feed: STOMP over /ws with the JWT in CONNECT. Reconnects by itself and, after every
 * (re)connect, subscribes again and asks the caller to resynchronise what it may have missed.
 * A session lives no longer than its token: {@link renew} opens a session with the new token and
 * closes the earlier ones once it is subscribed. While one session is connected the feed is
 * connected; a handover from a connected session misses nothing, any other asks for a resync.
 */
export class Live {
  private client: Client;
  /** Sessions still open while a newer one connects. */
  private retiring: Client[] = [];
  private readonly connected = new Set<Client>();

  constructor(
    token: string,
    private readonly handlers: Record<string, (body: unknown) => void>,
    private readonly onState: (s: ConnState) => void,
    private readonly onResync: () => void,
  ) {
    this.client = this.build(token);
  }

  private build(token: string): Client {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const c: Client = new Client({
      brokerURL: url,
      connectHeaders: { Authorization: `Bearer ${token}` },
      reconnectDelay: 2000,
      // a CONNECT that is never answered is retried on a new WebSocket instead of waiting forever
      connectionTimeout: 8000,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
      onConnect: () => {
        for (const [dest, handler] of Object.entries(this.handlers)) {
          c.subscribe(dest, (m: IMessage) => handler(JSON.parse(m.body)));
        }
        if (c !== this.client) {
          // an earlier session reconnected after a newer one was made: it has no future
          void c.deactivate();
          return;
        }
        // nothing was missed if an earlier session was connected all along the handover
        const seamless = this.retiring.some((r) => this.connected.has(r));
        this.connected.add(c);
        this.retiring.forEach((r) => {
          this.connected.delete(r);
          void r.deactivate();
        });
        this.retiring = [];
        this.report('connected');
        if (!seamless) this.onResync();
      },
      onWebSocketClose: () => {
        this.connected.delete(c);
        this.report(c === this.client ? 'offline' : 'connecting');
      },
      onStompError: (f) => {
        console.warn('STOMP error', f.headers['message'], f.body);
        this.connected.delete(c);
        this.report(c === this.client ? 'offline' : 'connecting');
      },
      beforeConnect: () => this.report('connecting'),
    });
    return c;
  }

  /** Connected while any session is; otherwise what the sessions are doing. */
  private report(otherwise: ConnState): void {
    this.onState(this.connected.size > 0 ? 'connected' : otherwise);
  }

  start(): void {
    this.client.activate();
  }

  /** Moves the feed to a session with a fresh token; the earlier sessions close once it is subscribed. */
  renew(token: string): void {
    this.retiring.push(this.client);
    this.client = this.build(token);
    this.client.activate();
  }

  stop(): void {
    [this.client, ...this.retiring].forEach((c) => void c.deactivate());
  }
}
