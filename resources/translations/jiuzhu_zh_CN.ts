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
    <name>ApplicationPage</name>
    <message>
        <source>The application</source>
        <translation>申请事项</translation>
    </message>
    <message>
        <source>What the household applies for, as written on the application form.</source>
        <translation>按申请书填写申请的救助项目和日期。</translation>
    </message>
    <message>
        <source>The applicant applies &amp;alone (single-person household)</source>
        <translation>申请人单独申请（单人户）(&amp;A)</translation>
    </message>
    <message>
        <source>A near &amp;relative of a caseworker or village cadre (filed separately)</source>
        <translation>系经办人员或村干部的近亲属（单独登记备案）(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Programme:</source>
        <translation>救助项目(&amp;P)：</translation>
    </message>
    <message>
        <source>Applied &amp;on:</source>
        <translation>申请日期(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <source>No case chosen</source>
        <translation>未选择申请</translation>
    </message>
    <message>
        <source>Choose a case in the list, or take a new application (Ctrl+N).</source>
        <translation>请在左侧列表中选择一个申请，或登记新申请（Ctrl+N）。</translation>
    </message>
    <message>
        <source>Due next</source>
        <translation>下一步期限</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>办理</translation>
    </message>
    <message>
        <source>Other steps:</source>
        <translation>其他：</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理经过</translation>
    </message>
    <message>
        <source>&amp;Accept…</source>
        <translation>受理(&amp;A)…</translation>
    </message>
    <message>
        <source>Ask for &amp;missing papers…</source>
        <translation>一次性告知补正(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Start investigation…</source>
        <translation>开始调查(&amp;S)…</translation>
    </message>
    <message>
        <source>Record &amp;investigation…</source>
        <translation>登记入户调查(&amp;I)…</translation>
    </message>
    <message>
        <source>Democratic re&amp;view…</source>
        <translation>民主评议(&amp;V)…</translation>
    </message>
    <message>
        <source>Township &amp;opinion…</source>
        <translation>初审意见(&amp;O)…</translation>
    </message>
    <message>
        <source>Start the noti&amp;ce…</source>
        <translation>开始公示(&amp;C)…</translation>
    </message>
    <message>
        <source>Record an objection (&amp;Y)…</source>
        <translation>登记异议(&amp;Y)…</translation>
    </message>
    <message>
        <source>Su&amp;bmit to the county…</source>
        <translation>公示期满报县(&amp;B)…</translation>
    </message>
    <message>
        <source>Approve (&amp;Q)…</source>
        <translation>确认(&amp;Q)…</translation>
    </message>
    <message>
        <source>Ref&amp;use…</source>
        <translation>不予确认(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Refuse the application…</source>
        <translation>不予受理(&amp;R)…</translation>
    </message>
    <message>
        <source>Report ineligible (&amp;D)…</source>
        <translation>核对不符告知(&amp;D)…</translation>
    </message>
    <message>
        <source>Rechec&amp;k…</source>
        <translation>复查(&amp;K)…</translation>
    </message>
    <message>
        <source>R&amp;e-investigate…</source>
        <translation>重新调查(&amp;E)…</translation>
    </message>
    <message>
        <source>County notice (&amp;X)…</source>
        <translation>县级拟批准公示(&amp;X)…</translation>
    </message>
    <message>
        <source>Gradual exit (&amp;J)…</source>
        <translation>渐退(&amp;J)…</translation>
    </message>
    <message>
        <source>S&amp;top payment…</source>
        <translation>停发(&amp;T)…</translation>
    </message>
    <message>
        <source>Terminate (&amp;Z)…</source>
        <translation>终止(&amp;Z)…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>撤回申请(&amp;W)…</translation>
    </message>
    <message>
        <source>{head} · {programme} · {number}</source>
        <translation>{head}户 · {programme} · {number}</translation>
    </message>
    <message>
        <source>{village} · applicant {applicant} · applied on {applied} · now: &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>{village} · 申请人 {applicant} · {applied}申请 · 当前：&lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · {amount} yuan a month</source>
        <translation> · 每月{amount}元</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>No time limit is running. Steps open to you now: {steps}</source>
        <translation>当前没有法定时限在计算。您现在可以办理：{steps}</translation>
    </message>
    <message>
        <source>{label}: by {due} &lt;span style=&apos;color:{colour}&apos;&gt;&lt;b&gt;{left}&lt;/b&gt;&lt;/span&gt;</source>
        <translation>{label}：{due}前 &lt;span style=&apos;color:{colour}&apos;&gt;&lt;b&gt;{left}&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Not open to you now: {why}</source>
        <translation>暂不能办理：{why}</translation>
    </message>
    <message>
        <source>Saved: {step}</source>
        <translation>已保存：{step}</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>&amp;New application…</source>
        <translation>新申请(&amp;N)…</translation>
    </message>
    <message>
        <source>Applications are taken by the township office; {role} may read and print.</source>
        <translation>申请由乡镇民政办登记；{role}只能查阅和打印。</translation>
    </message>
    <message>
        <source>name, village or case number</source>
        <translation>姓名、村(居)或申请编号</translation>
    </message>
    <message>
        <source>Fi&amp;lter:</source>
        <translation>筛选(&amp;L)：</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(居)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{n} open applications, {overdue} overdue</source>
        <translation>在办申请{n}件，其中逾期{overdue}件</translation>
    </message>
    <message>
        <source>Application {number} saved.</source>
        <translation>申请{number}已保存。</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>Consent and save</source>
        <translation>核对授权和保存</translation>
    </message>
    <message>
        <source>Check the summary. Saving creates the household file and the application.</source>
        <translation>请核对摘要。保存后将建立家庭档案并登记申请。</translation>
    </message>
    <message>
        <source>The applicant and every member have &amp;signed the consent to data matching, on</source>
        <translation>申请人及全体家庭成员已签署家庭经济状况核对授权书(&amp;S)，日期</translation>
    </message>
    <message>
        <source>The papers are complete: &amp;accept the application now</source>
        <translation>材料齐全，当场受理(&amp;A)</translation>
    </message>
    <message>
        <source>{name}, in the household file of {head} ({village})</source>
        <translation>{name}，沿用{village}{head}户的家庭档案</translation>
    </message>
    <message>
        <source>{name}, new household file in {village} with {n} members</source>
        <translation>{name}，在{village}新建家庭档案，共{n}人</translation>
    </message>
    <message>
        <source>&lt;b&gt;Applicant:&lt;/b&gt; {who}&lt;br&gt;&lt;b&gt;Programme:&lt;/b&gt; {programme}, applied on {day}</source>
        <translation>&lt;b&gt;申请人：&lt;/b&gt;{who}&lt;br&gt;&lt;b&gt;救助项目：&lt;/b&gt;{programme}，{day}申请</translation>
    </message>
    <message>
        <source>Estimating from the household file…</source>
        <translation>正在按家庭档案测算…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
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
    <name>DonePage</name>
    <message>
        <source>Application saved</source>
        <translation>申请已保存</translation>
    </message>
    <message>
        <source>Case number &lt;b&gt;{number}&lt;/b&gt; for the household of {head}: {state}.</source>
        <translation>{head}户的申请编号为 &lt;b&gt;{number}&lt;/b&gt;，当前状态：{state}。</translation>
    </message>
    <message>
        <source>{label}: by {due} ({left})</source>
        <translation>{label}：{due}前（{left}）</translation>
    </message>
    <message>
        <source>The time limits start when the application is accepted.</source>
        <translation>受理后开始计算办理时限。</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>{n} working days overdue</source>
        <translation>已逾期{n}个工作日</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>{n} working days left</source>
        <translation>还剩{n}个工作日</translation>
    </message>
    <message>
        <source>{n} days overdue</source>
        <translation>已逾期{n}天</translation>
    </message>
    <message>
        <source>{n} days left</source>
        <translation>还剩{n}天</translation>
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
    <name>HouseholdPage</name>
    <message>
        <source>The household</source>
        <translation>家庭情况</translation>
    </message>
    <message>
        <source>Where the household is registered and lives.</source>
        <translation>家庭户籍所在地和居住地址。</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>&amp;Village:</source>
        <translation>村(居)(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Urban or rural:</source>
        <translation>城乡类别(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>住址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Housing:</source>
        <translation>住房类型(&amp;H)：</translation>
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
    <name>IntakeWizard</name>
    <message>
        <source>New application</source>
        <translation>新申请</translation>
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
    <name>LookupPage</name>
    <message>
        <source>Find the applicant</source>
        <translation>查找申请人</translation>
    </message>
    <message>
        <source>Type the applicant&apos;s ID number and press Enter. A person already on file keeps their household file: it is reused, never duplicated.</source>
        <translation>输入申请人身份证号后按回车。已在档的人员沿用原家庭档案，不重复建档。</translation>
    </message>
    <message>
        <source>18-digit ID number</source>
        <translation>18位身份证号</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>查找(&amp;L)</translation>
    </message>
    <message>
        <source>Applicant&apos;s &amp;ID number:</source>
        <translation>申请人身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not on file.&lt;/b&gt; A new household file will be made ({sex}, born {born}).</source>
        <translation>&lt;b&gt;未在档。&lt;/b&gt;将新建家庭档案（{sex}，{born}出生）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name} is on file&lt;/b&gt; in the household of {head}, {village}. This household file is used; check it in the household files if anything changed.&lt;br&gt;&lt;br&gt;{members}</source>
        <translation>&lt;b&gt;{name}已在档&lt;/b&gt;，属{village}{head}户。本次申请沿用该户档案；如家庭情况有变化，请在家庭档案中核对更新。&lt;br&gt;&lt;br&gt;{members}</translation>
    </message>
    <message>
        <source>Applications already open: {cases}</source>
        <translation>正在办理或在保的申请：{cases}</translation>
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
    <name>MeansPage</name>
    <message>
        <source>Income and assets</source>
        <translation>收入和财产</translation>
    </message>
    <message>
        <source>Income over the period the county counts (often 12 months); the estimate follows the rules.</source>
        <translation>按本地规定的计算期（通常为12个月）录入收入；测算结果按保障标准和计算规则得出。</translation>
    </message>
    <message>
        <source> months</source>
        <translation>个月</translation>
    </message>
    <message>
        <source>&amp;Add income</source>
        <translation>添加收入(&amp;A)</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Remove the chosen income</source>
        <translation>删除所选收入</translation>
    </message>
    <message>
        <source>Income kind</source>
        <translation>收入类别</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <source>what, where, how many</source>
        <translation>名称、位置、数量</translation>
    </message>
    <message>
        <source>E&amp;xempt</source>
        <translation>豁免(&amp;X)</translation>
    </message>
    <message>
        <source>Add a&amp;sset</source>
        <translation>添加财产(&amp;S)</translation>
    </message>
    <message>
        <source>Asset kind</source>
        <translation>财产类别</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Value (yuan)</source>
        <translation>价值（元）</translation>
    </message>
    <message>
        <source>Exempt</source>
        <translation>豁免</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>成员(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <source>Amount (&amp;Y):</source>
        <translation>金额(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Over:</source>
        <translation>期间(&amp;O)：</translation>
    </message>
    <message>
        <source>Asse&amp;t:</source>
        <translation>财产(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>说明(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>价值(&amp;V)：</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>测算</translation>
    </message>
    <message>
        <source>household</source>
        <translation>全户</translation>
    </message>
    <message>
        <source>whole household</source>
        <translation>全户</translation>
    </message>
    <message>
        <source>Type the amount in yuan.</source>
        <translation>请填写金额（元）。</translation>
    </message>
    <message>
        <source>Loading the standards…</source>
        <translation>正在读取保障标准…</translation>
    </message>
    <message>
        <source>Members living together: &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>共同生活家庭成员：&lt;b&gt;{n}&lt;/b&gt;人</translation>
    </message>
    <message>
        <source>Household income a month: &lt;b&gt;{amount}&lt;/b&gt; yuan</source>
        <translation>家庭月收入：&lt;b&gt;{amount}&lt;/b&gt;元</translation>
    </message>
    <message>
        <source>Per capita a month: &lt;b&gt;{amount}&lt;/b&gt; yuan</source>
        <translation>月人均收入：&lt;b&gt;{amount}&lt;/b&gt;元</translation>
    </message>
    <message>
        <source>Standard a month: {amount} yuan</source>
        <translation>保障标准：每人每月{amount}元</translation>
    </message>
    <message>
        <source>Estimated amount: &lt;b&gt;{amount}&lt;/b&gt; yuan a month</source>
        <translation>测算月保障金：&lt;b&gt;{amount}&lt;/b&gt;元</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not eligible on these figures.&lt;/b&gt;</source>
        <translation>&lt;b&gt;按以上数据不符合条件。&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Household members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Everyone living together, head first. The ID number fills in sex and date of birth.</source>
        <translation>录入全部共同生活家庭成员，户主在前。输入身份证号后自动填写性别和出生日期。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无残疾</translation>
    </message>
    <message>
        <source>grade </source>
        <translation>等级 </translation>
    </message>
    <message>
        <source>St&amp;udent</source>
        <translation>在校生(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>添加成员(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>姓名(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>Relation to &amp;head:</source>
        <translation>与户主关系(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation>性别(&amp;S)：</translation>
    </message>
    <message>
        <source>Date of bir&amp;th:</source>
        <translation>出生日期(&amp;T)：</translation>
    </message>
    <message>
        <source>H&amp;ealth:</source>
        <translation>健康状况(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Disability:</source>
        <translation>残疾类别(&amp;D)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对提示</translation>
    </message>
    <message>
        <source>Type the member&apos;s name.</source>
        <translation>请填写成员姓名。</translation>
    </message>
    <message>
        <source>This ID number is already in the list.</source>
        <translation>该身份证号已在成员列表中。</translation>
    </message>
    <message>
        <source>Exactly one member must be the head of household (户主 or 本人).</source>
        <translation>家庭成员中必须有且只有一名户主（与户主关系为“户主”或“本人”）。</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>&amp;Build and preview</source>
        <translation>生成并预览(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Village:</source>
        <translation>村(居)(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Kind of notice:</source>
        <translation>公示类别(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>纸张(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Public notices for the village board</source>
        <translation>村务公开栏公示</translation>
    </message>
    <message>
        <source>Notices show only the name, household size, category and amount: never ID numbers, accounts, phones, health or disability details.</source>
        <translation>公示只显示姓名、保障人数、类别和金额，绝不显示身份证号、银行账号、电话、健康或残疾情况。</translation>
    </message>
    <message>
        <source>Choose a village first.</source>
        <translation>请先选择村（社区）。</translation>
    </message>
    <message>
        <source>Building the notice…</source>
        <translation>正在生成公示…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s).</source>
        <translation>
            <numerusform>共%n页。</numerusform>
        </translation>
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
    <name>PrintButton</name>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <source>Preliminary notice for {village}</source>
        <translation>{village}初审公示</translation>
    </message>
    <message>
        <source>Forms show ID numbers: village cadres print notices only.</source>
        <translation>表格含身份证号，村干部只能打印公示。</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>正在生成文档…</translation>
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
<context>
    <name>ReviewForm</name>
    <message>
        <source>Choose a household in the list</source>
        <translation>请在左侧选择一户</translation>
    </message>
    <message>
        <source>Income is s&amp;table</source>
        <translation>收入稳定(&amp;T)</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>维持不变</translation>
    </message>
    <message>
        <source>Increase</source>
        <translation>增发</translation>
    </message>
    <message>
        <source>Reduce</source>
        <translation>减发</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停发</translation>
    </message>
    <message>
        <source>Gradual exit</source>
        <translation>渐退</translation>
    </message>
    <message>
        <source> months</source>
        <translation>个月</translation>
    </message>
    <message>
        <source>&amp;Save review</source>
        <translation>保存复核(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open the case</source>
        <translation>打开案卷(&amp;O)</translation>
    </message>
    <message>
        <source>Revie&amp;wed on:</source>
        <translation>复核日期(&amp;W)：</translation>
    </message>
    <message>
        <source>Fin&amp;ding:</source>
        <translation>复核情况(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Proposal:</source>
        <translation>处理建议(&amp;P)：</translation>
    </message>
    <message>
        <source>New monthly &amp;amount (yuan):</source>
        <translation>调整后月保障金（元）(&amp;A)：</translation>
    </message>
    <message>
        <source>Gradual exit &amp;lasts:</source>
        <translation>渐退期(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>{head} · {number}</source>
        <translation>{head}户 · {number}</translation>
    </message>
    <message>
        <source>Paid now: &lt;b&gt;{amount}&lt;/b&gt; yuan a month</source>
        <translation>现发：每月&lt;b&gt;{amount}&lt;/b&gt;元</translation>
    </message>
    <message>
        <source>By the file today: &lt;b&gt;{amount}&lt;/b&gt; yuan ({reason})</source>
        <translation>按现有档案测算：&lt;b&gt;{amount}&lt;/b&gt;元（{reason}）</translation>
    </message>
    <message>
        <source>By the file today: {reason}</source>
        <translation>按现有档案测算：{reason}</translation>
    </message>
    <message>
        <source>Last review: {finding}</source>
        <translation>上次复核：{finding}</translation>
    </message>
    <message>
        <source>Review saved. Choose the next household.</source>
        <translation>复核已保存。请选择下一户。</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <source>Due within 30 days or overdue</source>
        <translation>30天内到期及已逾期</translation>
    </message>
    <message>
        <source>Every open review</source>
        <translation>全部未复核</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>列表(&amp;Q)：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(居)</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Monthly amount (yuan)</source>
        <translation>月保障金（元）</translation>
    </message>
    <message>
        <source>Reviews are recorded by the township office; {role} may read them.</source>
        <translation>复核由乡镇民政办登记；{role}只能查阅。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{n} households to review, {overdue} overdue</source>
        <translation>待复核{n}户，其中逾期{overdue}户</translation>
    </message>
    <message>
        <source>Review saved; the next one is scheduled.</source>
        <translation>复核已保存，已排定下次复核日期。</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Legal basis: {basis}</source>
        <translation>依据：{basis}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>After investigation the household meets the conditions.</source>
        <translation>经调查核实，该户符合条件，拟同意。</translation>
    </message>
    <message>
        <source>&amp;Opinion:</source>
        <translation>初审意见(&amp;O)：</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>签署人：</translation>
    </message>
    <message>
        <source>as the rules give</source>
        <translation>按标准计算</translation>
    </message>
    <message>
        <source>Monthly &amp;amount (yuan):</source>
        <translation>月保障金（元）(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Months of gradual exit:</source>
        <translation>渐退月数(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>调查方式(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Started on:</source>
        <translation>开始日期(&amp;S)：</translation>
    </message>
    <message>
        <source>more names, separated by 、</source>
        <translation>其他人员，用“、”分隔</translation>
    </message>
    <message>
        <source>Staff &amp;1:</source>
        <translation>调查人员一(&amp;1)：</translation>
    </message>
    <message>
        <source>Staff &amp;2:</source>
        <translation>调查人员二(&amp;2)：</translation>
    </message>
    <message>
        <source>Other staff:</source>
        <translation>其他人员：</translation>
    </message>
    <message>
        <source>&amp;Finished on</source>
        <translation>完成日期(&amp;F)</translation>
    </message>
    <message>
        <source>Meets the conditions</source>
        <translation>符合条件</translation>
    </message>
    <message>
        <source>Does not meet the conditions</source>
        <translation>不符合条件</translation>
    </message>
    <message>
        <source>Not concluded</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>&amp;Conclusion:</source>
        <translation>调查结论(&amp;C)：</translation>
    </message>
    <message>
        <source>F&amp;indings:</source>
        <translation>调查情况(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Held on:</source>
        <translation>评议日期(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>地点(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Chair:</source>
        <translation>主持人(&amp;C)：</translation>
    </message>
    <message>
        <source>Recor&amp;der:</source>
        <translation>记录人(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Attending</source>
        <translation>参会人数(&amp;A)</translation>
    </message>
    <message>
        <source>Resident &amp;representatives</source>
        <translation>居民代表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;For</source>
        <translation>同意(&amp;F)</translation>
    </message>
    <message>
        <source>A&amp;gainst</source>
        <translation>反对(&amp;G)</translation>
    </message>
    <message>
        <source>Abs&amp;tain</source>
        <translation>弃权(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Minutes:</source>
        <translation>评议记录(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Received on:</source>
        <translation>收到日期(&amp;R)：</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>反映方式(&amp;H)：</translation>
    </message>
    <message>
        <source>Given under a real &amp;name</source>
        <translation>实名反映(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Objection:</source>
        <translation>异议内容(&amp;O)：</translation>
    </message>
    <message>
        <source>Household register (hukou booklet)</source>
        <translation>户口簿</translation>
    </message>
    <message>
        <source>Resident ID cards</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Proof of income</source>
        <translation>收入证明</translation>
    </message>
    <message>
        <source>Disability certificate</source>
        <translation>残疾人证</translation>
    </message>
    <message>
        <source>Medical records or diagnosis</source>
        <translation>病历或诊断证明</translation>
    </message>
    <message>
        <source>Proof of schooling</source>
        <translation>在校证明</translation>
    </message>
    <message>
        <source>Divorce agreement or judgment</source>
        <translation>离婚协议或判决书</translation>
    </message>
    <message>
        <source>Consent to data matching signed by every member</source>
        <translation>全体成员签字的核对授权书</translation>
    </message>
    <message>
        <source>Missing:</source>
        <translation>需补充：</translation>
    </message>
    <message>
        <source>&amp;Other:</source>
        <translation>其他(&amp;O)：</translation>
    </message>
    <message>
        <source>Tell the applicant everything missing at once; do not ask for papers the office can obtain itself.</source>
        <translation>一次性告知需补充的全部材料；可通过政务共享获取的材料不得要求申请人提供。</translation>
    </message>
    <message>
        <source>Tick or write every missing paper.</source>
        <translation>请勾选或填写需要补充的材料。</translation>
    </message>
    <message>
        <source>To be added, all at once: {items}</source>
        <translation>一次性告知需补充：{items}</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>By &amp;state</source>
        <translation>按状态统计(&amp;S)</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时限事项</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(居)</translation>
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
        <source>Case number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Monthly amount (yuan)</source>
        <translation>月保障金（元）</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>公示期</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start}至{end}</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Heads of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议内容</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>程度</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核查项目</translation>
    </message>
    <message>
        <source>Item {n}</source>
        <translation>第{n}项</translation>
    </message>
    <message>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>&amp;Deadlines ({n})</source>
        <translation>办理时限（{n}）(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;views due ({n})</source>
        <translation>待复核（{n}）(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Notices running ({n})</source>
        <translation>公示中（{n}）(&amp;N)</translation>
    </message>
    <message>
        <source>Ob&amp;jections ({n})</source>
        <translation>异议（{n}）(&amp;J)</translation>
    </message>
    <message>
        <source>Chec&amp;k findings ({n})</source>
        <translation>核查发现（{n}）(&amp;K)</translation>
    </message>
    <message>
        <source>Loading today&apos;s work…</source>
        <translation>正在加载今日工作…</translation>
    </message>
    <message>
        <source>As of {day}: {overdue} applications overdue, {soon} due within 3 working days; {reviews} reviews overdue; {objections} objections open.</source>
        <translation>截至{day}：逾期申请{overdue}件，3个工作日内到期{soon}件；逾期未复核{reviews}户；待处理异议{objections}件。</translation>
    </message>
</context>
</TS>
