/** What the room forms share: the server's field names mapped onto theirs, and a blank form. */
import { t } from '../../i18n'
import type { RoomField } from './RoomFormFields.vue'

/** Where each of the server's room form errors goes; `__all__` is about the name (taken). */
export const ROOM_FIELD_FOR: Readonly<Record<string, RoomField>> = {
  name: 'name',
  topic: 'topic',
  topicName: 'topic',
  description: 'description',
  __all__: 'name',
}

/** Problems found before asking the server: the required fields. */
export function missingRoomFields(form: {
  name: string
  topic: string
}): Partial<Record<RoomField, string>> {
  const problems: Partial<Record<RoomField, string>> = {}
  if (form.name.trim() === '') problems.name = t('roomAdmin.nameMissing')
  if (form.topic.trim() === '') problems.topic = t('roomAdmin.topicMissing')
  return problems
}
