"""Default report templates. Shipped inside the package as `ssw.templates`, so an
installed ssw renders without a checkout; a root's own templates/ overrides them."""
