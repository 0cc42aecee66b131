// 定义协程函数
async function func() {}
// 创建协程对象
const result = func();
// 函数代码不会运行,得到的只是一个协程对象
print(result);
