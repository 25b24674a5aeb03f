import { Client, type IMessage } from '@stomp/stompjs';

export type ConnState = 'connecting' | 'connected' | 'offline';

/**
 * The live feed: STOMP over /ws with the JWT in CONNECT. Reconnects by itself and, after every
 * (re)connect, subscribes again and asks the caller to resynchronise what it may have missed.
 * A session lives no longer than its token: {@link renew} opens a session with the new token and
 * closes the old one once the new one is subscribed, so the feed has no gap and the indicator no flicker.
 */
export class Live {
  private client: Client;

  constructor(
    token: string,
    private readonly handlers: Record<string, (body: unknown) => void>,
    private readonly onState: (s: ConnState) => void,
    private readonly onResync: () => void,
  ) {
    this.client = this.build(token);
  }

  private build(token: string, replacing?: Client): Client {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    let old = replacing;
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
        const handover = old !== undefined;
        if (old) {
          void old.deactivate();
          old = undefined;
        }
        if (c === this.client) {
          this.onState('connected');
          // both sessions were subscribed during a handover: nothing was missed
          if (!handover) this.onResync();
        }
      },
      onWebSocketClose: () => {
        if (c === this.client && old === undefined) this.onState('offline');
      },
      onStompError: (f) => {
        console.warn('STOMP error', f.headers['message'], f.body);
        if (c === this.client && old === undefined) this.onState('offline');
      },
      beforeConnect: () => {
        if (c === this.client && old === undefined) this.onState('connecting');
      },
    });
    return c;
  }

  start(): void {
    this.client.activate();
  }

  /** Moves the feed to a session with a fresh token, without a gap. */
  renew(token: string): void {
    const old = this.client;
    this.client = this.build(token, old);
    this.client.activate();
  }

  stop(): void {
    void this.client.deactivate();
  }
}
