/** What the message menu offers for a message: only the actions the message allows. */
import type { ChatMessage } from '../../../shared/ipc-contract'
import { t } from '../i18n'
import { splitLinks } from './links'

export type MessageAction = 'copy' | 'copy-link' | 'edit' | 'delete' | 'retry' | 'discard'

/** A request to open the menu of `message` at (x, y); `opener` gets focus back after. */
export interface MessageMenuRequest {
  message: ChatMessage
  x: number
  y: number
  opener: HTMLElement | null
}

export interface MessageMenuItem {
  action: MessageAction
  label: string
  danger?: boolean
}

/** The first link in a body (what "Copy link" copies), or null. */
export function firstLink(body: string): string | null {
  for (const segment of splitLinks(body)) if (segment.kind === 'link') return segment.url
  return null
}

/**
 * Copy always; Copy link when the body has a link; Edit and Delete for your own confirmed
 * message with nothing pending on it; Retry (or Send again) and Discard for a message that did
 * not go through.
 */
export function messageMenuItems(m: ChatMessage): MessageMenuItem[] {
  const items: MessageMenuItem[] = [{ action: 'copy', label: t('messageMenu.copy') }]
  if (firstLink(m.body) !== null)
    items.push({ action: 'copy-link', label: t('messageMenu.copyLink') })
  if (m.own && m.status === 'confirmed' && m.pendingAction === null) {
    items.push({ action: 'edit', label: t('message.edit') })
    items.push({ action: 'delete', label: t('message.delete'), danger: true })
  }
  if (m.status === 'failed' || m.status === 'unconfirmed') {
    items.push({
      action: 'retry',
      label: t(m.status === 'failed' ? 'message.retry' : 'message.sendAgain'),
    })
    items.push({ action: 'discard', label: t('message.discard'), danger: true })
  }
  return items
}
