"""govcx: customer-experience platform for US federal agencies."""

__version__ = "0.1.0"
