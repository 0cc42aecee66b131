// Define a coroutine function
async function func() {}
// Create a coroutine object
const result = func();
// The function's code does not run: all you get is a coroutine object
print(result);
