"""Questions asked of plans: the answers are Listings (plain tables) that any listing renderer prints."""
