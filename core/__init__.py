"""The bottom layer: form helpers, the audited base, the security log, middleware. It names no app."""
