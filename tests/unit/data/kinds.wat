;; Every kind of top-level import a component can have, with WASI-like
;; instance types (resources, functions, outer aliases), and a nested
;; component whose own import is not a top-level import.
(component
  (import "wasi:io/poll@0.2.12" (instance $poll
    (export "pollable" (type $p (sub resource)))
    (export "[method]pollable.ready" (func (param "self" (borrow $p)) (result bool)))
  ))
  (alias export $poll "pollable" (type $pollable))
  (import "wasi:clocks/monotonic-clock@0.2.12" (instance
    (export "now" (func (result u64)))
    (export "subscribe-duration" (func (param "when" u64) (result (own $pollable))))
  ))
  (import "wasi:filesystem/types@0.2.12" (instance
    (type $err (enum "access" "would-block"))
    (export "error-code" (type (eq $err)))
    (export "descriptor" (type (sub resource)))
  ))
  (import "run" (func))
  (import "resource-t" (type (sub resource)))
  (import "list-t" (type (eq 0)))
  (import "plugin" (component))
  (import "blob" (core module))
  (component $inner
    (import "wasi:sockets/tcp@0.2.12" (instance))
  )
)
