"""The page model -> what is published: Markdown pages, charts, the API, downloads, the search index."""
