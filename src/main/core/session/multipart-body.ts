/**
 * Request bodies for POST /graphql/: plain JSON, or a GraphQL multipart request when files go
 * with it (https://github.com/jaydenseric/graphql-multipart-request-spec, which the real server's
 * graphene-file-upload reads): `operations`, then `map`, then one part per file, in that order.
 */

/** A file that replaces a variable of the operation (`variable: 'avatar'` → `variables.avatar`). */
export interface UploadFile {
  variable: string
  fileName: string
  contentType: string
  bytes: Uint8Array
}

/** A body and its Content-Type (null: fetch sets it, as it must for multipart's boundary). */
export interface RequestBody {
  body: string | FormData
  contentType: string | null
}

/** `{query, variables}` as JSON. */
export function jsonBody(query: string, variables: Record<string, unknown>): RequestBody {
  return { body: JSON.stringify({ query, variables }), contentType: 'application/json' }
}

/** The multipart form of one operation with its files (each file's variable is null in JSON). */
export function multipartBody(
  query: string,
  variables: Record<string, unknown>,
  files: readonly UploadFile[],
): RequestBody {
  const withNulls: Record<string, unknown> = { ...variables }
  const map: Record<string, string[]> = {}
  files.forEach((file, i) => {
    withNulls[file.variable] = null
    map[String(i)] = [`variables.${file.variable}`]
  })
  const form = new FormData()
  form.append('operations', JSON.stringify({ query, variables: withNulls }))
  form.append('map', JSON.stringify(map))
  files.forEach((file, i) => {
    // A copy into a fresh ArrayBuffer: the Blob must not alias memory the caller may reuse.
    const blob = new Blob([new Uint8Array(file.bytes)], { type: file.contentType })
    form.append(String(i), blob, file.fileName)
  })
  return { body: form, contentType: null }
}
