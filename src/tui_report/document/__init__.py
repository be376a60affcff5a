"""An open report being edited, without any screen: its recovery state so far."""
