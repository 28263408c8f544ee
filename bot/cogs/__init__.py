"""The Discord mouth: one cog per area, each thin over the kb and the store."""
