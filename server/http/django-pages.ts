/**
 * Django's built-in error pages with DEBUG off, byte for byte: a client that sniffs bodies (a
 * "Bad Request (400)" from ALLOWED_HOSTS, the CSRF 403) sees what a real deployment sends.
 */

/** django.views.defaults.ERROR_PAGE_TEMPLATE, used when no 400/404/500 template exists. */
function errorPage(title: string, details: string): string {
  return (
    '\n<!doctype html>\n<html lang="en">\n<head>\n' +
    `  <title>${title}</title>\n</head>\n<body>\n` +
    `  <h1>${title}</h1><p>${details}</p>\n</body>\n</html>\n`
  )
}

/** The content type Django gives those pages (no charset). */
export const ERROR_PAGE_TYPE = 'text/html'

/** DisallowedHost and other SuspiciousOperations. */
export const BAD_REQUEST_PAGE = errorPage('Bad Request (400)', '')
/** Unknown URL. */
export const NOT_FOUND_PAGE = errorPage(
  'Not Found',
  'The requested resource was not found on this server.',
)
/** Unhandled exception. */
export const SERVER_ERROR_PAGE = errorPage('Server Error (500)', '')

/** Django's CSRF reason when the request has no csrftoken cookie (the page then explains it). */
export const REASON_NO_CSRF_COOKIE = 'CSRF cookie not set.'

const CSRF_STYLE = `  <style>
    html * { padding:0; margin:0; }
    body * { padding:10px 20px; }
    body * * { padding:0; }
    body { font-family: sans-serif; background:#eee; color:#000; }
    body>div { border-bottom:1px solid #ddd; }
    h1 { font-weight:normal; margin-bottom:.4em; }
    h1 span { font-size:60%; color:#666; font-weight:normal; }
    #info { background:#f6f6f6; }
    #info ul { margin: 0.5em 4em; }
    #info p, #summary p { padding-top:10px; }
    #summary { background: #ffc; }
    #explanation { background:#eee; border-bottom: 0px none; }
  </style>
`

const NO_COOKIE =
  '\n  <p>You are seeing this message because this site requires a CSRF cookie when submitting ' +
  'forms. This cookie is required for security reasons, to ensure that your browser is not being ' +
  'hijacked by third parties.</p>\n' +
  '  <p>If you have configured your browser to disable cookies, please re-enable them, at least ' +
  'for this site, or for \u201csame-origin\u201d requests.</p>\n'

/**
 * django/views/templates/csrf_403.html rendered with DEBUG off: the reason itself is never shown;
 * only a missing cookie adds its explanation. (The template's `{% if %}` lines leave blank lines.)
 */
export function csrfFailurePage(reason: string): string {
  return (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n' +
    '  <meta http-equiv="content-type" content="text/html; charset=utf-8">\n' +
    '  <meta name="robots" content="NONE,NOARCHIVE">\n' +
    '  <title>403 Forbidden</title>\n' +
    CSRF_STYLE +
    '</head>\n<body>\n<div id="summary">\n' +
    '  <h1>Forbidden <span>(403)</span></h1>\n' +
    '  <p>CSRF verification failed. Request aborted.</p>\n' +
    '\n' +
    (reason === REASON_NO_CSRF_COOKIE ? NO_COOKIE : '') +
    '\n</div>\n' +
    '\n<div id="explanation">\n' +
    '  <p><small>More information is available with DEBUG=True.</small></p>\n</div>\n' +
    '\n</body>\n</html>\n'
  )
}
