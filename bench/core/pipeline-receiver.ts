/**
 * The receiving side of bench/core/pipeline.ts: the core pipeline wired like the chat service
 * wires a joined room. pipeline.ts loads it as one bundle (see there), the way the app's main runs.
 */
import { randomUUID } from 'node:crypto'
import WebSocket from 'ws'
import type { ChatEvent } from '../../src/shared/ipc-contract'
import type { Room } from '../../src/shared/graphql-shapes'
import type { SocketLike } from '../../src/main/core/ports'
import { systemClock } from '../../src/main/core/clock'
import { createEventBatcher } from '../../src/main/core/chat/event-batcher'
import { defaultReconnectPolicy } from '../../src/main/core/ports'
import { RoomController } from '../../src/main/core/chat/room-controller'
import { createRoomConnection } from '../../src/main/core/chat/connection/room-connection'
import { toRoomSummary } from '../../src/main/core/chat/room-summary'
import { createWsSocket } from '../../src/main/core/chat/connection/ws-factory'

export { MEMORY_ONLY_WINDOW, TRIM_SLACK } from '../../src/main/core/chat/history/history-window'

const room: Room = {
  id: randomUUID(),
  name: 'Bench',
  slug: 'bench',
  description: null,
  created: '2026-11-25T17:00:00+00:00',
  topic: null,
  host: { username: 'bob' },
  participants: [
    { id: '1', username: 'alice' },
    { id: '2', username: 'bob' },
  ],
}

/** The signed-in user, held once as the room registry holds it (its `me()` reads a field). */
const me = { id: '1', username: 'alice', avatarUrl: null }

/** What the benchmark reads from a finished run. */
export interface PipelineRun {
  /** Confirmed messages the room state holds. */
  held(): number
  dispose(): void
}

/**
 * Receives `n` frames from `url` through the core pipeline; calls `opened` with the socket once
 * it is open (the benchmark pauses it there) and resolves when `n` upserts reached the sink.
 */
export function runPipeline(
  url: string,
  n: number,
  opened: (ws: WebSocket) => void,
): Promise<PipelineRun> {
  return new Promise((resolve) => {
    let upserts = 0
    let dirty = false
    let controller: RoomController | null = null
    const batcher = createEventBatcher({
      clock: systemClock,
      sink: (events: ChatEvent[]) => {
        for (const e of events) if (e.kind === 'message-upserted') upserts++
        if (upserts === n && controller) {
          const done = controller
          batcher.dispose()
          resolve({ held: () => done.timeline.messages.confirmedCount, dispose: () => done.dispose() })
        }
      },
      beforeFlush: () => {
        if (!dirty || !controller) return
        dirty = false
        batcher.push({
          kind: 'room-updated',
          room: toRoomSummary(room, 'alice', { joined: true, unread: controller.unread }),
        })
      },
    })
    // The real factory; the benchmark only listens for 'open' first, to pause the socket.
    const createWebSocket = (...args: Parameters<typeof createWsSocket>): SocketLike => {
      const socket = createWsSocket(...args)
      if (socket instanceof WebSocket) socket.once('open', () => opened(socket))
      return socket
    }
    controller = new RoomController({
      room,
      baseUrl: url,
      clock: systemClock,
      notifier: { error: () => undefined },
      me: () => me,
      newClientId: () => `local-${randomUUID()}`,
      fetchHistory: () => Promise.resolve([]),
      isActive: () => false,
      messageFromOther: () => undefined,
      emit: (e) => batcher.push(e),
      summaryChanged: () => {
        dirty = true
        batcher.wake()
      },
      connect: (handlers) =>
        createRoomConnection({
          baseUrl: url,
          host: 'bob',
          slug: 'bench',
          getToken: () => Promise.resolve('bench-token'),
          refreshToken: () => Promise.resolve(),
          classifyRejection: () => Promise.resolve(null),
          createWebSocket,
          clock: systemClock,
          random: () => 0.5,
          policy: { ...defaultReconnectPolicy, jitter: 0 },
          ...handlers,
        }),
    })
    // An open room: its message changes go to the renderer (an unopened one sends none).
    void controller.open()
    controller.start()
  })
}
