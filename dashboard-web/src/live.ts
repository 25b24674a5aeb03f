import { Client, type IMessage } from '@stomp/stompjs';

export type ConnState = 'connecting' | 'connected' | 'offline';

/**
 * The live feed: STOMP over /ws with the JWT in CONNECT. Reconnects by itself and, after every
 * (re)connect, subscribes again and asks the caller to resynchronise what it may have missed.
 */
export class Live {
  private readonly client: Client;

  constructor(
    token: string,
    private readonly handlers: Record<string, (body: unknown) => void>,
    onState: (s: ConnState) => void,
    onResync: () => void,
  ) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    this.client = new Client({
      brokerURL: url,
      connectHeaders: { Authorization: `Bearer ${token}` },
      reconnectDelay: 2000,
      // a CONNECT that is never answered is retried on a new WebSocket instead of waiting forever
      connectionTimeout: 8000,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
      onConnect: () => {
        for (const [dest, handler] of Object.entries(this.handlers)) {
          this.client.subscribe(dest, (m: IMessage) => handler(JSON.parse(m.body)));
        }
        onState('connected');
        onResync();
      },
      onWebSocketClose: () => onState('offline'),
      onStompError: (f) => {
        console.warn('STOMP error', f.headers['message'], f.body);
        onState('offline');
      },
      beforeConnect: () => onState('connecting'),
    });
  }

  start(): void {
    this.client.activate();
  }

  stop(): void {
    void this.client.deactivate();
  }
}
