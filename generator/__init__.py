"""Summit Archive: official readouts of leaders' meetings → a browsable, searchable website."""
