;; Import names with options, which wasm-tools 1.263 encodes with the 0x02
;; name byte: a version suffix, an `implements` (plus its suffix), an
;; external id. Validated with --features all.
(component
  (import "wasi:io/streams@0.2" (version-suffix ".12") (instance))
  (import "my-store" (implements "wasi:keyvalue/store@0.2") (version-suffix ".1") (instance))
  (import "wasi:cli/stdout@0.2.12" (external-id "host-stdout") (instance))
  (import "wasi:cli/exit@0.2.12" (instance))
)
