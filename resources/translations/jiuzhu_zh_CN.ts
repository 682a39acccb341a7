<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Jiuzhu</source>
        <translation>救助通</translation>
    </message>
    <message>
        <source>The database cannot be opened:
{error}</source>
        <translation>无法打开数据库：
{error}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Jiuzhu: unexpected error</source>
        <translation>救助通：意外错误</translation>
    </message>
    <message>
        <source>Sorry, Jiuzhu met an unexpected error. The work you saved before is safe.
Please copy the details below and send them to your system administrator.</source>
        <translation>抱歉，救助通遇到了意外错误。此前已保存的工作不受影响。
请复制下面的详细信息，发送给系统管理员。</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
    <message>
        <source>No log file.</source>
        <translation>没有日志文件。</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit Jiuzhu</source>
        <translation>退出救助通(&amp;Q)</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>继续使用(&amp;O)</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Hello, {name}</source>
        <translation>您好，{name}</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Households on file</source>
        <translation>在册家庭（户）</translation>
    </message>
    <message>
        <source>People on file</source>
        <translation>在册人员（人）</translation>
    </message>
    <message>
        <source>Benefits being paid</source>
        <translation>正在保障（户）</translation>
    </message>
    <message>
        <source>Paid per month (yuan)</source>
        <translation>月保障金（元）</translation>
    </message>
    <message>
        <source>Case state</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Cases by state</source>
        <translation>各状态申请件数</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Total cases: {n}</source>
        <translation>申请共 {n} 件</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>Household of {head}</source>
        <translation>家庭档案：{head}户</translation>
    </message>
    <message>
        <source>Head of household:</source>
        <translation>户主：</translation>
    </message>
    <message>
        <source>Village:</source>
        <translation>村(居)：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>住址：</translation>
    </message>
    <message>
        <source>Urban or rural:</source>
        <translation>城乡类别：</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>共同生活成员</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Applied on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Members ({n})</source>
        <translation>家庭成员（{n}人）</translation>
    </message>
    <message>
        <source>Cases ({n})</source>
        <translation>申请记录（{n}件）</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>Village</source>
        <translation>村(居)</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Case state</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>Monthly amount (yuan)</source>
        <translation>月保障金（元）</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Jiuzhu: sign in</source>
        <translation>救助通：登录</translation>
    </message>
    <message>
        <source>Jiuzhu social assistance</source>
        <translation>救助通 社会救助经办系统</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Demo accounts: {users} (password {password})</source>
        <translation>演示账户：{users}（密码均为 {password}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Please enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Jiuzhu: {installation}</source>
        <translation>救助通 - {installation}</translation>
    </message>
    <message>
        <source>{title} (Ctrl+{number})</source>
        <translation>{title}（Ctrl+{number}）</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Household files</source>
        <translation>家庭档案</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>申请办理</translation>
    </message>
    <message>
        <source>Public notices</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Dynamic management</source>
        <translation>动态管理</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Take applications and follow each case through acceptance, investigation, democratic appraisal, the township&apos;s preliminary review and submission to the county.</source>
        <translation>将在这里受理申请，并办理每件申请的受理、调查核实、民主评议、乡镇初审和报县审核。</translation>
    </message>
    <message>
        <source>Prepare and print the 7-day public notices for each village board, and record objections.</source>
        <translation>将在这里制作和打印各村公开栏的7天公示，并登记群众异议。</translation>
    </message>
    <message>
        <source>Periodic reviews, reported changes, and increases, reductions, stops and gradual exit.</source>
        <translation>将在这里办理定期复核、家庭变化登记，以及增发、减发、停发和渐退。</translation>
    </message>
    <message>
        <source>Export the bundle for the county and import its decisions and standards, by USB stick.</source>
        <translation>将在这里导出上报县局的数据包，并导入县局下发的审批结果和保障标准（U盘传递）。</translation>
    </message>
    <message>
        <source>Monthly statistics, rosters and registers, as Excel and PDF files.</source>
        <translation>将在这里生成月度统计报表、发放花名册和台账（Excel和PDF）。</translation>
    </message>
    <message>
        <source>User accounts, the village list, standards, holidays and the office&apos;s details.</source>
        <translation>将在这里管理用户账户、村(居)列表、保障标准、节假日和本单位信息。</translation>
    </message>
    <message>
        <source>&amp;Find household</source>
        <translation>查找家庭(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Jiuzhu</source>
        <translation>关于救助通(&amp;A)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Jiuzhu {version}&lt;/h3&gt;&lt;p&gt;Offline casework for township social-assistance offices: minimum living allowance, support for people in extreme poverty and temporary assistance.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;救助通 {version}&lt;/h3&gt;&lt;p&gt;乡镇社会救助经办离线系统：最低生活保障、特困人员救助供养和临时救助。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Jiuzhu</source>
        <translation>关于救助通</translation>
    </message>
    <message>
        <source>{user} | {role} | {installation}</source>
        <translation>{user} | {role} | {installation}</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>Under construction</source>
        <translation>建设中</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <source>Name, pinyin initials (zs) or ID number (Ctrl+F)</source>
        <translation>姓名、拼音首字母（如 zs）或身份证号（Ctrl+F）</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村(居)</translation>
    </message>
    <message>
        <source>All programmes</source>
        <translation>全部救助项目</translation>
    </message>
    <message>
        <source>All case states</source>
        <translation>全部办理状态</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>查找(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Village:</source>
        <translation>村(居)(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Programme:</source>
        <translation>救助项目(&amp;P)：</translation>
    </message>
    <message>
        <source>Sta&amp;te:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>No household matches.</source>
        <translation>没有符合条件的家庭。</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s)</source>
        <translation>
            <numerusform>共 %n 户</numerusform>
        </translation>
    </message>
    <message>
        <source>This column cannot be sorted.</source>
        <translation>该列不能排序。</translation>
    </message>
</context>
</TS>
