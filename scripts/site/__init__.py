"""The whole build: the generation step, the two generators around it, budgets and the built pages' policy."""
