// Placeholder so the target builds until the first source lands.
