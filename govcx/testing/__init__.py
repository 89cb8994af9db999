"""What the tests share: ``factories`` builds the world and stores responses, ``browser`` launches
Chromium and serves a fake agency site. Fixtures are registered in ``govcx/conftest.py``."""
